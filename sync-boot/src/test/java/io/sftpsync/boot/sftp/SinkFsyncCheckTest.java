package io.sftpsync.boot.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.boot.handlers.SizeClassHandler;
import io.sftpsync.core.copy.FileCopier;
import io.sftpsync.core.events.SizeClass;
import io.sftpsync.core.server.InProcessSftpServer;
import io.sftpsync.core.server.InProcessSftpServerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A process that copies to a sink without fsync@openssh.com says so once at start-up, naming the sink. */
@ExtendWith(OutputCaptureExtension.class)
class SinkFsyncCheckTest {

    static final String WARNING = "does not offer fsync@openssh.com";
    static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");

    @TempDir
    Path dir;

    @Test
    void aSinkWithoutFsyncGetsOneWarningAtStartUpNotOnePerFile(CapturedOutput output) throws Exception {
        try (InProcessSftpServer source = server("source", b -> b);
             InProcessSftpServer sink = server("sink", InProcessSftpServerBuilder::withoutFsync)) {
            Files.createDirectories(source.root().resolve("data"));
            runner(source, sink).withBean(SizeClassHandler.class, () -> () -> EnumSet.of(SizeClass.SMALL))
                    .run(ctx -> {
                        awaitWarning(output);
                        SftpPools pools = ctx.getBean(SftpPools.class);
                        for (int i = 0; i < 3; i++) {
                            file(source, "data/f" + i + ".txt");
                            new FileCopier().copy(pools.source(), pools.sink(), "f" + i + ".txt", 5, MTIME);
                        }
                        assertThat(sink.root().resolve("backup/f2.txt")).hasContent("hello");
                    });
            assertThat(output.getOut().lines().filter(l -> l.contains(WARNING)))
                    .singleElement().asString().contains("WARN").contains("127.0.0.1:" + sink.port());
        }
    }

    @Test
    void aSinkWithFsyncOrAProcessThatDoesNotCopyGetsNone(CapturedOutput output) throws Exception {
        try (InProcessSftpServer source = server("source", b -> b);
             InProcessSftpServer sink = server("sink", b -> b)) {
            runner(source, sink).withBean(SizeClassHandler.class, () -> () -> EnumSet.of(SizeClass.SMALL))
                    .run(ctx -> assertThat(ctx.getBean(SinkFsyncCheck.class).check()).isTrue());
        }
        try (InProcessSftpServer source = server("source2", b -> b);
             InProcessSftpServer sink = server("sink2", InProcessSftpServerBuilder::withoutFsync)) {
            runner(source, sink).run(ctx -> assertThat(ctx).hasSingleBean(SinkFsyncCheck.class));
            assertThat(sink.maxOpenSessions()).as("a scanner alone does not ask the sink").isZero();
        }
        assertThat(output.getOut()).doesNotContain(WARNING);
    }

    private ApplicationContextRunner runner(InProcessSftpServer source, InProcessSftpServer sink) {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SftpConfiguration.class))
                .withPropertyValues("sync.known-hosts=" + dir.resolve("known_hosts"),
                        "sync.host-key-policy=accept-new",
                        "sync.source.host=127.0.0.1", "sync.source.port=" + source.port(),
                        "sync.source.username=" + source.username(), "sync.source.password=" + source.password(),
                        "sync.source.base-path=/data",
                        "sync.sink.host=127.0.0.1", "sync.sink.port=" + sink.port(),
                        "sync.sink.username=" + sink.username(), "sync.sink.password=" + sink.password(),
                        "sync.sink.base-path=/backup");
    }

    private InProcessSftpServer server(String name, UnaryOperator<InProcessSftpServerBuilder> settings)
            throws IOException {
        return settings.apply(InProcessSftpServer.builder(dir.resolve(name))).start();
    }

    private static void file(InProcessSftpServer source, String path) throws IOException {
        Path f = source.root().resolve(path);
        Files.writeString(f, "hello");
        Files.setLastModifiedTime(f, FileTime.from(MTIME));
    }

    private static void awaitWarning(CapturedOutput output) throws InterruptedException {
        for (int i = 0; i < 200 && !output.getOut().contains(WARNING); i++) {
            Thread.sleep(50);
        }
    }
}
