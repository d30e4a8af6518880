package io.sftpsync.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@code kill -9} leaves on the data directory, and the next start on it. */
class KillNineRecoveryIT {

    private static final Duration CHILD_START = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void leaveNoProcessBehind() throws IOException {
        children.forEach(Process::destroyForcibly);
        Path dir = tmp.resolve("postgres");
        if (Files.isDirectory(dir)) {
            OrphanedPostgres.serving(dir.toRealPath()).forEach(ProcessHandle::destroyForcibly);
            OrphanedPostgres.initdbs(dir.toRealPath()).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndItsCommittedRowsAreKept() throws Exception {
        Path dir = tmp.resolve("postgres");
        Process child = startChild(dir, "committed before kill -9");
        Path real = dir.toRealPath();

        // While its owner lives, the directory is refused, and the message names it.
        assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(dir))
                .withMessageContaining(real.toString())
                .withMessageContaining("in use by another running process");

        long postmaster = OrphanedPostgres.pidFileOwner(real).orElseThrow();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no pg_ctl stop
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphaned postmaster")
                .hasValue(true);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(notes(server)).containsExactly("committed before kill -9");
            assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("the orphan").isEmpty();
            assertThat(OrphanedPostgres.pidFileOwner(real)).isPresent().isNotEqualTo(OptionalLong.of(postmaster));

            // Now this process owns the directory: a second start in it is refused too, and leaves the server be.
            assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(dir))
                    .withMessageContaining(real.toString());
            assertThat(notes(server)).containsExactly("committed before kill -9");
        }
        assertThat(OrphanedPostgres.serving(real)).isEmpty();
    }

    @Test
    void aPidFileWhosePidNowBelongsToAnotherProgramDoesNotBlockTheStart() throws Exception {
        Path dir = tmp.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            execute(server, "CREATE TABLE note (text TEXT NOT NULL)", "INSERT INTO note VALUES ('before')");
        }
        // After a crash and a reboot (or a container restart) the recorded pid may be any live process.
        Process other = new ProcessBuilder("sleep", "120").start();
        children.add(other);
        Files.writeString(dir.resolve("postmaster.pid"), other.pid() + "\n" + dir.toRealPath() + "\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            assertThat(notes(server)).containsExactly("before");
        }
        assertThat(other.isAlive()).as("the unrelated program is left alone").isTrue();
    }

    @Test
    void aJvmKilledDuringItsFirstInitdbLeavesADirectoryThatIsMovedAsideAndInitialisedAnew() throws Exception {
        Path dir = tmp.resolve("postgres");
        Process child = launchChild(dir, "never committed");
        awaitChild(child, () -> Files.exists(dir.resolve("postgresql.conf")));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path real = dir.toRealPath();
        assertThat(OrphanedPostgres.initdbs(real)).as("initdb outlives the JVM that started it").isNotEmpty();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir)) {
            execute(server, "CREATE TABLE note (text TEXT NOT NULL)", "INSERT INTO note VALUES ('fresh')");
            assertThat(notes(server)).containsExactly("fresh");
        }
        assertThat(real.resolve(FirstStart.MARKER)).isRegularFile();
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.filter(p -> p.getFileName().toString().startsWith("postgres.incomplete-")))
                    .singleElement()
                    .satisfies(aside -> assertThat(aside.resolve("postgresql.conf")).isRegularFile());
        }
    }

    /** Starts {@link ChildPostgres} in a JVM of its own and waits until it has committed {@code row}. */
    private Process startChild(Path dir, String row) throws Exception {
        Process child = launchChild(dir, row);
        awaitChild(child, () -> Files.readString(childLog()).contains("READY"));
        return child;
    }

    private Process launchChild(Path dir, String row) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, ChildPostgres.class.getName(), dir.toString(), row)
                .redirectErrorStream(true)
                .redirectOutput(childLog().toFile())
                .start();
        children.add(child);
        return child;
    }

    private void awaitChild(Process child, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + CHILD_START.toNanos();
        while (!condition.call()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child did not get there:\n" + Files.readString(childLog()));
            }
            Thread.sleep(20);
        }
    }

    private Path childLog() {
        return tmp.resolve("child.log");
    }

    private static List<String> notes(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT text FROM note")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws SQLException {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, server.password());
    }
}
