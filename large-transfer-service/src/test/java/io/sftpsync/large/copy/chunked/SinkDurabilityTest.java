package io.sftpsync.large.copy.chunked;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.testkit.SftpPair;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SinkDurabilityTest {

    @RegisterExtension
    static final SftpPair withFsync = new SftpPair();
    @RegisterExtension
    static final SftpPair withoutFsync = new SftpPair().sinkOptions(b -> b.withoutFsync());

    @Test
    void aSinkWithoutTheExtensionIsToldOnceAsAWarningThatNamesWhatItChanges(CapturedOutput output)
            throws IOException {
        SinkDurability fsync = new SinkDurability();

        assertThat(fsync.offered(withoutFsync.sink())).isFalse();
        assertThat(fsync.offered(withoutFsync.sink())).isFalse();

        assertThat(output.getAll().lines().filter(l -> l.contains("does not offer fsync@openssh.com")))
                .singleElement().asString().contains("WARN").contains("127.0.0.1:" + withoutFsync.sinkServer().port())
                .contains("re-reads the recorded part at the sink");
    }

    @Test
    void aSinkWithTheExtensionIsNotMentioned(CapturedOutput output) throws IOException {
        assertThat(new SinkDurability().offered(withFsync.sink())).isTrue();

        assertThat(output.getAll()).doesNotContain("fsync@openssh.com");
    }
}
