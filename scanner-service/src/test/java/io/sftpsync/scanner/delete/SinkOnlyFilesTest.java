package io.sftpsync.scanner.delete;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.config.DeletionProperties;
import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which sink-only files a deletion would remove, and the guards that withhold them. */
class SinkOnlyFilesTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final UUID SCAN = UUID.randomUUID();

    final List<String> found = new ArrayList<>();

    @Test
    void previousVersionsManifestsAndTheFilesAnApprovedStrategyWroteAreNeverCandidates() {
        SinkOnlyFiles files = new SinkOnlyFiles(p -> true, 100, f -> found.add(f.path()));
        // In the walk's order: a .gz sorts before its manifest, parts after it.
        feed(files, "big.iso.gz", "big.iso.manifest.json", "big.iso.part0001", "big.iso.part0002",
                "d/.report.csv.sftp-sync-0a1b2c3d.prev", "d/old.csv", "logs.gz", "split.bin.part0001", "zz.gz");
        files.end();

        assertThat(files.kept()).extracting(RemoteFile::path)
                .containsExactlyInAnyOrder("d/old.csv", "logs.gz", "split.bin.part0001", "zz.gz");
        assertThat(files.candidates()).isEqualTo(4);
        assertThat(found).containsExactlyInAnyOrder("d/old.csv", "logs.gz", "split.bin.part0001", "zz.gz");
        assertThat(files.sinkFiles()).isEqualTo(9);
    }

    @Test
    void aGzWaitsForItsManifestAcrossASubdirectoryThatSortsBetween() {
        SinkOnlyFiles files = new SinkOnlyFiles(p -> true, 100, f -> { });
        // "a.gz" < "a.h/x" (directory a.h) < "a.manifest.json" in the walk's order.
        List<String> order = Stream.of("a.gz", "a.h/x", "a.manifest.json").sorted(RemoteWalker.PATH_ORDER).toList();
        assertThat(order).containsExactly("a.gz", "a.h/x", "a.manifest.json");
        feed(files, order.toArray(String[]::new));
        files.end();

        assertThat(files.kept()).extracting(RemoteFile::path).containsExactly("a.h/x");
    }

    @Test
    void excludedPathsAreNeitherCandidatesNorCountedAsSinkFiles() {
        SinkOnlyFiles files = new SinkOnlyFiles(p -> !p.startsWith("keep/"), 100, f -> { });
        files.paired(file("a"));
        files.paired(file("keep/b"));
        feed(files, "keep/c", "z");
        files.end();

        assertThat(files.kept()).extracting(RemoteFile::path).containsExactly("z");
        assertThat(files.sinkFiles()).isEqualTo(2);
    }

    @Test
    void holdsTheFirstKeepCandidatesAndCountsThemAll() {
        SinkOnlyFiles files = new SinkOnlyFiles(p -> true, 2, f -> { });
        feed(files, "a", "b", "c");
        files.end();

        assertThat(files.kept()).extracting(RemoteFile::path).containsExactly("a", "b");
        assertThat(files.candidates()).isEqualTo(3);
    }

    @Test
    void moreCandidatesThanMaxAreWithheldByTheMaxGuard() {
        DeletionPlan plan = plan(3, 100, new DeletionProperties(true, null, 2, 1.0), 0, false);

        assertThat(plan.guarded()).isTrue();
        assertThat(plan.ready()).isFalse();
        assertThat(plan.files()).isEmpty();
        assertThat(plan.withheld()).isEqualTo("3 sink files the source lacks: more than sync.delete.max=2");
        assertThat(plan.summary().withheld()).isEqualTo(plan.withheld());
    }

    @Test
    void moreThanTheFractionOfTheSinkIsWithheldByTheFractionGuard() {
        DeletionPlan plan = plan(6, 10, new DeletionProperties(true, null, 100, 0.5), 0, false);

        assertThat(plan.guarded()).isTrue();
        assertThat(plan.withheld()).contains("6 of the 10 sink files (60 %)").contains("sync.delete.max-fraction=0.5");
        assertThat(plan(5, 10, new DeletionProperties(true, null, 100, 0.5), 0, false).ready())
                .as("exactly the fraction may go").isTrue();
    }

    @Test
    void aScanWithErrorsOrADryRunDeletesNothingWithoutAnAnomaly() {
        DeletionPlan errors = plan(1, 10, new DeletionProperties(true, null, 100, 0.5), 2, false);
        DeletionPlan dryRun = plan(1, 10, new DeletionProperties(true, null, 100, 0.5), 0, true);

        assertThat(errors.ready()).isFalse();
        assertThat(errors.guarded()).isFalse();
        assertThat(errors.withheld()).contains("2 error(s)");
        assertThat(errors.summary().withheld()).isNull();
        assertThat(dryRun.ready()).isFalse();
        assertThat(dryRun.files()).as("what a real run would delete").hasSize(1);
        assertThat(dryRun.summary().withheld()).isNull();
    }

    @Test
    void nothingAtTheSinkOnlyIsNothingToDo() {
        DeletionPlan plan = plan(0, 0, new DeletionProperties(true, null, 0, 0.0), 0, false);

        assertThat(plan.ready()).isFalse();
        assertThat(plan.withheld()).isNull();
        assertThat(plan.guarded()).isFalse();
    }

    @Test
    void aBackupDirectoryMustBeAbsoluteAndOutsideAnAbsoluteSinkBasePath() {
        assertThat(new DeletionProperties(true, "/srv//backup/./old/", 1, 1).backupDir()).isEqualTo("/srv/backup/old");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeletionProperties(true, "backup", 1, 1))
                .hasMessageContaining("sync.delete.backup-dir must be an absolute path");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new DeletionProperties(true, "/upload/.trash", 1, 1).checkOutside("/upload"))
                .hasMessageContaining("must be outside the sink's base path sync.sink.base-path (/upload)");
        new DeletionProperties(true, "/upload-trash", 1, 1).checkOutside("/upload");
        new DeletionProperties(true, "/trash", 1, 1).checkOutside("upload");
    }

    private DeletionPlan plan(int candidates, int sinkFiles, DeletionProperties settings, long errors, boolean dryRun) {
        SinkOnlyFiles files = new SinkOnlyFiles(p -> true, settings.max(), f -> { });
        for (int i = 0; i < sinkFiles - candidates; i++) {
            files.paired(file("paired" + i));
        }
        for (int i = 0; i < candidates; i++) {
            files.sinkOnly(file("only" + i));
        }
        files.end();
        return DeletionPlan.judge(SCAN, T, files, settings, errors, dryRun);
    }

    private static void feed(SinkOnlyFiles files, String... paths) {
        for (String p : paths) {
            files.sinkOnly(file(p));
        }
    }

    private static RemoteFile file(String path) {
        return new RemoteFile(path, 10, T);
    }
}
