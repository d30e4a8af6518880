package io.sftpsync.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryWithoutTheMarkerIsMovedAsideWhole() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("postgres"));
        Files.writeString(dir.resolve("PG_VERSION"), "18\n");
        Files.writeString(dir.resolve("postgresql.conf"), "# initdb stopped here\n");

        Path aside = FirstStart.moveAsideIfIncomplete(dir);

        assertThat(dir).isEmptyDirectory();
        assertThat(aside.getParent()).isEqualTo(tmp);
        assertThat(aside.getFileName().toString()).startsWith("postgres.incomplete-");
        assertThat(aside.resolve("postgresql.conf")).hasContent("# initdb stopped here");
    }

    @Test
    void aDirectoryWithTheMarkerIsLeftAlone() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("postgres"));
        Files.writeString(dir.resolve("PG_VERSION"), "18\n");
        FirstStart.markComplete(dir);

        assertThat(FirstStart.moveAsideIfIncomplete(dir)).isNull();
        assertThat(dir.resolve("PG_VERSION")).isRegularFile();
        assertThat(tmp).isDirectoryNotContaining("glob:**/postgres.incomplete-*");
    }

    @Test
    void aLoneLockFileIsRemovedSoThatInitdbFindsAnEmptyDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("postgres"));
        Files.createFile(dir.resolve(DataDirectoryLock.FILE_NAME));

        assertThat(FirstStart.moveAsideIfIncomplete(dir)).isNull();
        assertThat(dir).isEmptyDirectory();
    }
}
