package io.sftpsync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.events.TransferStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkManifestTest {

    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");
    static final SinkManifest SPLIT = SinkManifest.of("dir/big.bin", TransferStrategy.SPLIT, 300, MTIME, 100L, "ab",
            List.of(new SinkManifest.Entry("big.bin.part0001", 100, "01"),
                    new SinkManifest.Entry("big.bin.part0002", 100, "02"),
                    new SinkManifest.Entry("big.bin.part0003", 100, "03")));

    @Test
    void roundTripsThroughJson() {
        String json = new String(SPLIT.toJson(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"schemaVersion\":2", "\"strategy\":\"SPLIT\"", "\"mtime\":\"2024-03-01T10:15:30Z\"");
        assertThat(SinkManifest.parse(SPLIT.toJson())).isEqualTo(SPLIT);
    }

    @Test
    void readsAVersionOneSplitManifestWithItsParts() {
        String v1 = """
                {"schemaVersion":1,"path":"dir/big.bin","size":300,"sha256":"ab","mtime":"2024-03-01T10:15:30Z",
                 "partSize":100,"parts":[{"name":"big.bin.part0001","size":300,"sha256":"01"}]}""";

        SinkManifest manifest = SinkManifest.parse(v1.getBytes(StandardCharsets.UTF_8));

        assertThat(manifest.strategy()).isEqualTo(TransferStrategy.SPLIT);
        assertThat(manifest.names()).containsExactly("big.bin.part0001");
        assertThat(manifest.describes(300, MTIME, TransferStrategy.SPLIT, 100L)).isTrue();
    }

    @Test
    void describesAVersionBySizeAndWholeSecondsAndAWriteAlsoByStrategyAndPartSize() {
        assertThat(SPLIT.describes(300, MTIME.plusMillis(999))).isTrue();
        assertThat(SPLIT.describes(301, MTIME)).isFalse();
        assertThat(SPLIT.describes(300, MTIME.plusSeconds(1))).isFalse();
        assertThat(SPLIT.describes(300, MTIME, TransferStrategy.SPLIT, 100L)).isTrue();
        assertThat(SPLIT.describes(300, MTIME, TransferStrategy.SPLIT, 200L)).isFalse();
        assertThat(SPLIT.describes(300, MTIME, TransferStrategy.COMPRESS, null)).isFalse();
        SinkManifest gz = SinkManifest.of("dir/big.bin", TransferStrategy.COMPRESS, 300, MTIME, null, "ab",
                List.of(new SinkManifest.Entry("big.bin.gz", 42, "cd")));
        assertThat(gz.describes(300, MTIME, TransferStrategy.COMPRESS, null)).isTrue();
    }

    @Test
    void refusesWhatIsNotAManifest() {
        assertThatThrownBy(() -> SinkManifest.parse("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SinkManifest.parse("{\"size\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SinkManifest.parse(("{\"path\":\"../x\",\"size\":1,\"mtime\":\"2024-03-01T10:15:30Z\","
                + "\"sha256\":\"ab\"}").getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }
}
