package io.sftpsync.transfer;

import io.sftpsync.testkit.EmbeddedBroker;
import io.sftpsync.testkit.ProbeAssertions;
import io.sftpsync.testkit.SftpPair;
import io.sftpsync.testkit.TestConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The orchestrator's probes over HTTP, open without credentials: alive, and ready with what the service needs. */
@SpringBootTest(classes = TransferApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedBroker
class ProbesIT {

    @RegisterExtension
    static final SftpPair servers = new SftpPair().basePaths("/", "/");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        TestConnections.add(r::add, servers, "/", "/");
    }

    @Test
    void livenessIsTheProcessAndReadinessNamesWhatTheServiceNeeds() {
        ProbeAssertions.assertLiveAndReady(port, "broker", "sftp");
    }
}
