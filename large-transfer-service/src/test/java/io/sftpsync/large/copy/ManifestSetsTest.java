package io.sftpsync.large.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftpsync.core.copy.AtomicWrite;
import io.sftpsync.core.copy.Leftovers;
import io.sftpsync.core.copy.SinkTarget;
import io.sftpsync.core.sftp.SftpSession;
import io.sftpsync.testkit.SftpPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rename phase of a set's replacement, on a real SFTP server: all of the new set, or the old set back. */
class ManifestSetsTest {

    static final FileTime MTIME = FileTime.from(Instant.parse("2024-03-01T10:15:30Z"));

    @RegisterExtension
    static final SftpPair servers = new SftpPair();

    @Test
    void theNewSetReplacesTheOldWithItsManifestAndNothingIsLeftAside() throws IOException {
        oldSet("done");

        servers.sink().call(dst -> {
            Leftovers leftovers = new Leftovers();
            List<SinkTarget> parts = List.of(temporary(dst, "done/f.part0001", "new 1", leftovers),
                    temporary(dst, "done/f.part0002", "new 2", leftovers));
            ManifestSets.replace(dst, temporary(dst, "done/f.manifest.json", "new manifest", leftovers), parts,
                    MTIME, leftovers);
            return null;
        });

        assertThat(servers.sinkData("done/f.part0001")).hasContent("new 1");
        assertThat(servers.sinkData("done/f.part0002")).hasContent("new 2");
        assertThat(servers.sinkData("done/f.manifest.json")).hasContent("new manifest");
        assertThat(names("done")).containsExactlyInAnyOrder("f.part0001", "f.part0002", "f.manifest.json");
    }

    @Test
    void aRenameFailingMidwayPutsTheWholeOldSetAndItsManifestBack() throws IOException {
        oldSet("failed");

        assertThatThrownBy(() -> servers.sink().call(dst -> {
            Leftovers leftovers = new Leftovers();
            SinkTarget first = temporary(dst, "failed/f.part0001", "new 1", leftovers);
            // The second part's temporary is gone (e.g. removed by hand): its rename fails after the first's.
            SinkTarget second = temporary(dst, "failed/f.part0002", "new 2", leftovers);
            dst.client().remove(second.temp());
            ManifestSets.replace(dst, temporary(dst, "failed/f.manifest.json", "new manifest", leftovers),
                    List.of(first, second), MTIME, leftovers);
            return null;
        })).isInstanceOf(IOException.class);

        assertThat(servers.sinkData("failed/f.part0001")).hasContent("old 1");
        assertThat(servers.sinkData("failed/f.part0002")).hasContent("old 2");
        assertThat(servers.sinkData("failed/f.manifest.json")).hasContent("old manifest");
        assertThat(names("failed").stream().filter(n -> n.endsWith(".prev"))).isEmpty();
    }

    private static void oldSet(String dir) throws IOException {
        Files.createDirectories(servers.sinkData(dir));
        Files.writeString(servers.sinkData(dir + "/f.part0001"), "old 1");
        Files.writeString(servers.sinkData(dir + "/f.part0002"), "old 2");
        Files.writeString(servers.sinkData(dir + "/f.manifest.json"), "old manifest");
    }

    private static SinkTarget temporary(SftpSession dst, String path, String content, Leftovers leftovers)
            throws IOException {
        SinkTarget at = SinkTarget.of(dst, path);
        AtomicWrite.writeTemporary(dst, at, leftovers, out -> {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return null;
        });
        return at;
    }

    private static List<String> names(String dir) throws IOException {
        try (Stream<Path> files = Files.list(servers.sinkData(dir))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).toList();
        }
    }
}
