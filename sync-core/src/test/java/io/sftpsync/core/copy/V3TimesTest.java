package io.sftpsync.core.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.errors.SftpOperationException;
import io.sftpsync.core.errors.TransferErrors;
import io.sftpsync.core.sftp.ServerProfile;
import io.sftpsync.core.sftp.SftpSession;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class V3TimesTest {

    static final SftpSession SINK = new SftpSession(null, "sink", new ServerProfile("/", 1024, 1024), Set.of());

    static long onTheWire(Instant t) throws SftpOperationException {
        // What MINA puts on the wire: the low 32 bits of the seconds it is given.
        return V3Times.forMina(FileTime.from(t), SINK, "/a").to(TimeUnit.SECONDS) & 0xFFFF_FFFFL;
    }

    @Test
    void timesUpTo2038AreGivenAsTheyAre() throws SftpOperationException {
        Instant t = Instant.parse("2038-01-19T03:14:07Z");
        assertThat(V3Times.forMina(FileTime.from(t), SINK, "/a").toInstant()).isEqualTo(t);
    }

    @Test
    void timesAfter2038KeepTheirUnsigned32Bits() throws SftpOperationException {
        for (String t : new String[] {"2038-01-19T03:14:08Z", "2040-01-04T00:00:00Z", "2100-06-01T12:00:00Z",
                "2106-02-07T06:28:15Z"}) {
            Instant instant = Instant.parse(t);
            assertThat(V3Times.forMina(FileTime.from(instant), SINK, "/a").to(TimeUnit.SECONDS))
                    .as(t).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
            assertThat(onTheWire(instant)).as(t).isEqualTo(instant.getEpochSecond());
        }
    }

    @Test
    void timesSftpV3CannotCarryAreAFinalErrorNamingTheFile() {
        for (String t : new String[] {"1969-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2106-02-07T06:28:16Z"}) {
            assertThatThrownBy(() -> V3Times.forMina(FileTime.from(Instant.parse(t)), SINK, "/mirror/old.txt"))
                    .as(t).isInstanceOf(SftpOperationException.class)
                    .hasMessageContaining("sink").hasMessageContaining("/mirror/old.txt")
                    .hasMessageContaining("cannot be carried by SFTP v3")
                    .satisfies(e -> assertThat(TransferErrors.isTransient(e)).isFalse());
        }
        assertThatThrownBy(() -> V3Times.checked(-1, SINK, "/a")).isInstanceOf(SftpOperationException.class);
    }
}
