package io.sftpsync.standalone.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker is for this host's processes only: it listens and advertises on 127.0.0.1, and none of the
 * host's other addresses answers on its port.
 */
class KraftBrokerIT {

    @TempDir
    Path dir;

    @Test
    void listensAndAdvertisesOnLoopbackOnly() throws Exception {
        try (KraftBroker broker = KraftBroker.start(dir.resolve("kafka"), 0)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            int port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                List<String> advertised = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                        .map(Node::host).toList();
                assertThat(advertised).containsExactly("127.0.0.1");
            }
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
            List<InetAddress> others = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
            for (InetAddress address : others) {
                try (Socket socket = new Socket()) {
                    assertThatExceptionOfType(IOException.class).as("port %d on %s", port, address)
                            .isThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2000));
                }
            }
        }
    }
}
