package io.sftpsync.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.sftp.SftpPool;
import io.sftpsync.core.sftp.SftpTuning;
import io.sftpsync.testkit.SftpPair;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health of one server against the in-process SFTP servers, with the time in the test's hand. */
class SftpHealthIndicatorTest {

    static final Duration CACHE = Duration.ofSeconds(10);

    @RegisterExtension
    final SftpPair servers = new SftpPair();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void upWithTheBasePathOrThatItDoesNotExistYet() {
        Health source = indicator(servers.source()).health();
        Health sink = indicator(servers.sink()).health();

        assertThat(source.getStatus()).isEqualTo(Status.UP);
        assertThat(source.getDetails()).containsEntry("basePath", "/data")
                .containsEntry("server", "src@127.0.0.1:" + servers.sourceServer().port() + "/data");
        assertThat(sink.getStatus()).isEqualTo(Status.UP);
        assertThat(sink.getDetails()).containsEntry("basePath", "does not exist yet");
    }

    @Test
    void downWithTheReasonWhenTheServerStopsOnceTheCachedAnswerIsOldAndUpAgainWhenItIsBack() throws IOException {
        SftpHealthIndicator health = indicator(servers.source());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        servers.sourceServer().stop();
        assertThat(health.health().getStatus()).as("within the cache time").isEqualTo(Status.UP);
        now = now.plus(CACHE);
        Health down = health.health();
        assertThat(down.getStatus()).as(down.toString()).isEqualTo(Status.DOWN);
        if (!String.valueOf(down.getDetails().get("error")).contains("Connection refused")) {
            // The pooled connection the server has just closed may fail first ("session close"); it is discarded,
            // so the next probe connects anew and is refused.
            now = now.plus(CACHE);
            down = health.health();
        }

        assertThat(down.getStatus()).as(down.toString()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails().get("error")).asString().contains("127.0.0.1:" + servers.sourceServer().port())
                .contains("Connection refused").doesNotContain("src-secret");

        servers.sourceServer().start();
        now = now.plus(CACHE);
        Health up = health.health();
        assertThat(up.getStatus()).as(up.toString()).isEqualTo(Status.UP);
    }

    @Test
    void aBasePathThatIsAFileIsDown() throws IOException {
        Files.writeString(servers.sourceServer().root().resolve("file"), "not a directory");
        SftpPool pool = servers.connector().pool(servers.sourceServer().endpoint("source", "/file"),
                SftpTuning.DEFAULT.withPool(1, 1));

        Health health = indicator(pool).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", "not a directory");
    }

    private SftpHealthIndicator indicator(SftpPool pool) {
        // Long enough for a loaded machine: the time-out is not what these tests are about.
        return new SftpHealthIndicator(pool, Duration.ofSeconds(30), CACHE, clock);
    }
}
