package io.sftpsync.testkit;

import io.sftpsync.core.server.InProcessSftpServer;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The {@code sync.source.*} or {@code sync.sink.*} settings of a test server on 127.0.0.1, for Spring's
 * {@code DynamicPropertyRegistry} (pass {@code registry::add}).
 */
public final class TestConnections {

    private TestConnections() {
    }

    /**
     * @param add      where the properties go
     * @param side     "source" or "sink"
     * @param port     the server's port, read when the context starts
     * @param user     login
     * @param password password
     * @param basePath base path on the server
     */
    public static void add(BiConsumer<String, Supplier<Object>> add, String side, IntSupplier port, String user,
            String password, String basePath) {
        String prefix = "sync." + side + ".";
        add.accept(prefix + "host", () -> "127.0.0.1");
        add.accept(prefix + "port", port::getAsInt);
        add.accept(prefix + "username", () -> user);
        add.accept(prefix + "password", () -> password);
        add.accept(prefix + "base-path", () -> basePath);
    }

    /**
     * The connection settings of a running pair: both servers with the pair's users, the given base paths, and
     * the known_hosts file that trusts them.
     */
    public static void add(BiConsumer<String, Supplier<Object>> add, SftpPair pair, String sourceBase,
            String sinkBase) {
        InProcessSftpServer source = pair.sourceServer();
        InProcessSftpServer sink = pair.sinkServer();
        add(add, "source", source::port, source.username(), source.password(), sourceBase);
        add(add, "sink", sink::port, sink.username(), sink.password(), sinkBase);
        add.accept("sync.known-hosts", () -> pair.knownHosts().toString());
    }
}
