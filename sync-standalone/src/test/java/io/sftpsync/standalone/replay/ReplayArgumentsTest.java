package io.sftpsync.standalone.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayArgumentsTest {

    @Test
    void recordsWithOffsetsInstantsAndDefaults() {
        ReplayArguments a = ReplayArguments.parse(List.of("--topic", "sftp.files.small.DLT", "--from=0=12,2=40",
                "--to", "2026-12-03T10:00:00Z", "--glob", "in/**", "--limit", "5", "--dry-run"));
        assertThat(a.offsets()).isFalse();
        assertThat(a.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(a.user()).isEqualTo("operator");
        assertThat(a.passwordFile()).isNull();
        assertThat(a.body()).containsExactly(Map.entry("topic", "sftp.files.small.DLT"),
                Map.entry("from", Map.of("0", 12L, "2", 40L)), Map.entry("to", "2026-12-03T10:00:00Z"),
                Map.entry("pathGlob", "in/**"), Map.entry("limit", 5), Map.entry("dryRun", true));
    }

    @Test
    void offsetsOfAGroup() {
        ReplayArguments a = ReplayArguments.parse(List.of("offsets", "--group", "transfer-files", "--timestamp",
                "2026-12-03T10:00:00Z", "--url", "http://10.1.2.3:9000/", "--user", "ops", "--password-file", "pw"));
        assertThat(a.offsets()).isTrue();
        assertThat(a.url()).isEqualTo(URI.create("http://10.1.2.3:9000"));
        assertThat(a.user()).isEqualTo("ops");
        assertThat(a.passwordFile()).hasToString("pw");
        assertThat(a.body()).containsExactly(Map.entry("group", "transfer-files"),
                Map.entry("timestamp", "2026-12-03T10:00:00Z"), Map.entry("dryRun", false));
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--topic", "t", "--password", "x")))
                .hasMessageContaining("never an argument");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--target", "t")))
                .hasMessage("--topic is required");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--topic", "t", "--group", "g")))
                .hasMessage("unknown argument --group");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--topic")))
                .hasMessage("--topic needs a value");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--topic", "t", "--from", "0=x")))
                .hasMessage("'0=x' is not PARTITION=OFFSET");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("--topic", "t", "--url", "ftp://h")))
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> ReplayArguments.parse(List.of("offsets", "--group", "g")))
                .hasMessage("--timestamp is required");
    }
}
