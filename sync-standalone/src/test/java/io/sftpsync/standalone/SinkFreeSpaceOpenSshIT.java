package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.sftp.HostKeyPolicy;
import io.sftpsync.core.sftp.SftpConnector;
import io.sftpsync.core.sftp.SftpEndpoint;
import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.scanner.scan.SinkFreeSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink's free space as each scan reports it (ScanCompleted.sinkFreeBytes, for RESOURCE_IMPACT), asked of a real
 * OpenSSH sftp-server with statvfs@openssh.com, which the in-process server only imitates.
 */
class SinkFreeSpaceOpenSshIT {

    static final Path WORK = StandaloneJar.ROOT.resolve("sync-standalone/target/e2e-free-space");
    static OpenSshPair servers;
    static SftpConnector connector;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        servers = OpenSshPair.shared().tree("free-space");
        connector = new SftpConnector(Path.of(servers.get("KNOWN_HOSTS")), HostKeyPolicy.STRICT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
    }

    @Test
    void openSshAnswersTheSinkFileSystemsFreeSpaceAlsoForABasePathNotCreatedYet() throws Exception {
        for (String base : new String[] {servers.basePath(), servers.basePath() + "/not/created/yet"}) {
            try (SftpPool sink = connector.pool(new SftpEndpoint("sink", "127.0.0.1",
                    Integer.parseInt(servers.get("SINK_PORT")), servers.get("SINK_USER"),
                    servers.get("SINK_PASSWORD"), null, null, base), SftpTuning.DEFAULT)) {
                Long free = new SinkFreeSpace(() -> sink).bytes();
                long usable = Files.getFileStore(servers.sinkRoot()).getUsableSpace();
                // The same file system seen from here: other processes write meanwhile, so not to the byte.
                assertThat(free).as(base).isNotNull().isPositive();
                assertThat((double) free).as(base).isBetween(usable * 0.5, usable * 2.0);
            }
        }
    }
}
