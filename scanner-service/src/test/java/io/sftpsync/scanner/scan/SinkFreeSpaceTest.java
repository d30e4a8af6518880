package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sftpsync.testkit.SftpPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The sink's free space as the scanner asks it, from real in-process servers with and without statvfs. */
class SinkFreeSpaceTest {

    static final long FREE = 7L << 30;

    @TempDir
    Path dir;

    @Test
    void aBasePathNotCreatedYetIsMeasuredAtItsNearestExistingParent() throws IOException {
        try (SftpPair pair = new SftpPair().sinkOptions(b -> b.freeSpace(FREE)).startIn(dir)) {
            // The sink's base path /backup/data does not exist before the first copy.
            assertThat(pair.sinkData("")).doesNotExist();
            assertThat(new SinkFreeSpace(pair::sink).bytes()).isEqualTo(FREE);
            Files.createDirectories(pair.sinkData(""));
            assertThat(new SinkFreeSpace(pair::sink).bytes()).isEqualTo(FREE);
        }
    }

    @Test
    void withoutAFixedAnswerItIsTheFileStoresUsableSpaceInWholeBlocks() throws IOException {
        try (SftpPair pair = new SftpPair().startIn(dir)) {
            Long free = new SinkFreeSpace(pair::sink).bytes();
            long usable = Files.getFileStore(dir).getUsableSpace();
            assertThat(free).isNotNull().isPositive().isLessThanOrEqualTo(Files.getFileStore(dir).getTotalSpace());
            assertThat(free % 4096).isZero();
            // Other processes write meanwhile: the same order of magnitude, not the same byte.
            assertThat((double) free).isBetween(usable * 0.5, usable * 2.0);
        }
    }

    @Test
    void aSinkWithoutStatvfsOrUnreachableIsUnknownSaidOnce() throws IOException {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SinkFreeSpace.class);
        logger.addAppender(logged);
        try (SftpPair pair = new SftpPair().sinkOptions(b -> b.withoutStatvfs()).startIn(dir)) {
            SinkFreeSpace space = new SinkFreeSpace(pair::sink);
            assertThat(space.bytes()).isNull();
            assertThat(space.bytes()).isNull();
            assertThat(logged.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).contains("does not offer statvfs@openssh.com");
            });

            logged.list.clear();
            SinkFreeSpace down = new SinkFreeSpace(pair::sink);
            pair.sinkServer().stop();
            assertThat(down.bytes()).isNull();
            assertThat(down.bytes()).isNull();
            assertThat(logged.list).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("could not ask the sink");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }
}
