package io.sftpsync.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a source/sink {@link SftpPair}, started before its first test in a directory of its own and
 * closed (servers stopped, directory removed) after its last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SftpPairExtension servers = new SftpPairExtension();
 * ... servers.pair().source ...
 * }</pre>
 */
public final class SftpPairExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private SftpPair pair;

    /** The running pair; only between the class's first and last test. */
    public SftpPair pair() {
        if (pair == null) {
            throw new IllegalStateException("the SFTP pair runs only while the test class does");
        }
        return pair;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("sftp-pair-");
        pair = SftpPair.start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            pair.close();
        } finally {
            pair = null;
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
