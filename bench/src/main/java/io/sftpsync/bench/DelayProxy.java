package io.sftpsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that delays every byte by a fixed time in each direction, as a WAN link's latency does
 * (this kernel has no netem): bytes read at t are written at t + delay, in order, with no bandwidth limit of its own.
 * Each direction of each connection has a reader and a writer thread and a bounded queue between them (2,048 reads
 * of up to 64 KiB), so a slow receiver holds the sender back through TCP as it would on a real link.
 *
 * <pre>java -cp ... io.sftpsync.bench.DelayProxy LISTEN_PORT TARGET_PORT DELAY_MS [LISTEN_PORT TARGET_PORT DELAY_MS ...]</pre>
 *
 * Prints "listening LISTEN_PORT -> TARGET_PORT (+DELAY_MS ms each way)" per pair and runs until killed.
 */
public final class DelayProxy {

    private static final int READ = 64 * 1024;
    private static final int QUEUED_READS = 2_048;

    private record Chunk(long dueNanos, byte[] bytes, int length) {
        static final Chunk END = new Chunk(0, new byte[0], -1);
    }

    private DelayProxy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 3 != 0) {
            System.err.println("usage: DelayProxy LISTEN_PORT TARGET_PORT DELAY_MS [...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 3) {
            int listen = Integer.parseInt(args[i]);
            int target = Integer.parseInt(args[i + 1]);
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[i + 2]));
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listen), 128);
            Thread.ofPlatform().name("accept-" + listen).start(() -> accept(server, target, delayNanos));
            System.out.println("listening " + listen + " -> " + target + " (+" + args[i + 2] + " ms each way)");
        }
        System.out.flush();
    }

    private static void accept(ServerSocket server, int target, long delayNanos) {
        while (true) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                AtomicInteger open = new AtomicInteger(2);
                pipe(client, upstream, delayNanos, open);
                pipe(upstream, client, delayNanos, open);
            } catch (IOException e) {
                System.err.println("DelayProxy: " + e);
            }
        }
    }

    /**
     * One direction: a reader stamps each read with its due time, a writer sends it then; its end half-closes the
     * other side, and the last of the two directions closes both sockets.
     */
    private static void pipe(Socket from, Socket to, long delayNanos, AtomicInteger open) throws IOException {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_READS);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    byte[] buffer = new byte[READ];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    queue.put(new Chunk(System.nanoTime() + delayNanos, buffer, n));
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                try {
                    queue.put(Chunk.END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (Chunk c = queue.take(); c.length() >= 0; c = queue.take()) {
                    long wait = c.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    out.write(c.bytes(), 0, c.length());
                    out.flush();
                }
                to.shutdownOutput();
                if (open.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            } catch (IOException | InterruptedException e) {
                // the connection broke: so does the other direction
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
