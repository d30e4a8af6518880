package io.sftpsync.standalone;

import io.sftpsync.db.embedded.EmbeddedPostgresServer;
import io.sftpsync.standalone.kafka.KraftBroker;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services as seven processes, each its own jar and JVM: two scanners (one leads), two transfer services
 * (one consumer group), the large-transfer, approval and anomaly services; on one Kafka broker and one PostgreSQL
 * that this JVM runs on 127.0.0.1, between an OpenSSH pair. Configured as docker-compose.yml configures the
 * containers: by environment variables only, the same for every service of a kind.
 */
final class SeparateServices implements AutoCloseable {

    static final String SCANNER_A = "scanner-a";
    static final String SCANNER_B = "scanner-b";
    static final String TRANSFER_A = "transfer-a";
    static final String TRANSFER_B = "transfer-b";
    static final String LARGE = "large-transfer";
    static final String APPROVAL = "approval";
    static final String ANOMALY = "anomaly";

    /**
     * How long seven JVMs may take to start together. Measured on a shared two-core machine: 79 s at a load average
     * of about 10, 117-200 s at 16-30, and over 8 minutes once, at 30 with a benchmark beside it.
     */
    private static final Duration STARTUP = Duration.ofMinutes(12);

    final KraftBroker broker;
    final EmbeddedPostgresServer database;
    /** The one HTTP user of every service, an operator, whose password only the environments hold. */
    final String user = "olga";
    private final String password = randomHex(16);
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    /** Kills the processes should this JVM end without closing them (a failsafe time-out): no orphaned services. */
    private final Thread orphans = new Thread(() -> processes.values().forEach(ServiceProcess::destroyForcibly));

    private SeparateServices(KraftBroker broker, EmbeddedPostgresServer database) {
        this.broker = broker;
        this.database = database;
        Runtime.getRuntime().addShutdownHook(orphans);
    }

    /**
     * Starts the broker and the database, then every service at once (their start-ups overlap), and waits until
     * each one's readiness probe answers.
     */
    static SeparateServices start(OpenSshPair servers, Path work) throws Exception {
        KraftBroker broker = KraftBroker.start(work.resolve("kafka"), 0);
        EmbeddedPostgresServer database;
        try {
            database = EmbeddedPostgresServer.start(work.resolve("postgres"));
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
        SeparateServices services = new SeparateServices(broker, database);
        try {
            services.startAll(servers, work);
            return services;
        } catch (Exception | Error e) {
            services.close();
            throw e;
        }
    }

    private void startAll(OpenSshPair servers, Path work) throws Exception {
        Map<String, String> common = new HashMap<>();
        common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        common.put("SYNC_SECURITY_USERS_0_USERNAME", user);
        common.put("SYNC_SECURITY_USERS_0_PASSWORD", "{noop}" + password);
        common.put("SYNC_SECURITY_USERS_0_ROLES", "operator");

        Map<String, String> sftp = new HashMap<>();
        sftp.put("SYNC_SOURCE_HOST", "127.0.0.1");
        sftp.put("SYNC_SOURCE_PORT", servers.get("SOURCE_PORT"));
        sftp.put("SYNC_SOURCE_USERNAME", servers.get("SOURCE_USER"));
        sftp.put("SYNC_SOURCE_PASSWORD", servers.get("SOURCE_PASSWORD"));
        sftp.put("SYNC_SOURCE_BASE_PATH", servers.basePath());
        sftp.put("SYNC_SINK_HOST", "127.0.0.1");
        sftp.put("SYNC_SINK_PORT", servers.get("SINK_PORT"));
        sftp.put("SYNC_SINK_USERNAME", servers.get("SINK_USER"));
        sftp.put("SYNC_SINK_PASSWORD", servers.get("SINK_PASSWORD"));
        sftp.put("SYNC_SINK_BASE_PATH", servers.basePath());
        sftp.put("SYNC_KNOWN_HOSTS", servers.get("KNOWN_HOSTS"));

        Map<String, String> db = Map.of("SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER,
                "SPRING_DATASOURCE_PASSWORD", database.password());
        Map<String, String> proof = Map.of("SYNC_PROOF_KEY", randomHex(32));
        // Scaled down, so that a test-sized tree has medium files and a large one: the scanner routes by these,
        // the anomaly service judges sizes by them.
        Map<String, String> thresholds = Map.of("SYNC_THRESHOLDS_SMALL", "1MB", "SYNC_THRESHOLDS_LARGE", "8MB",
                "SYNC_THRESHOLDS_MAX", "1GB");

        for (String scanner : List.of(SCANNER_A, SCANNER_B)) {
            // Scans on request only; a copy's temporary left by a killed process is removed by the next scan.
            start(scanner, "scanner-service", work, common, sftp, thresholds,
                    Map.of("SYNC_SCAN_CRON", "-", "SYNC_SCAN_STALE_TEMPORARY_AGE", "5s"));
        }
        for (String transfer : List.of(TRANSFER_A, TRANSFER_B)) {
            // The client id names the process in the consumer group's membership.
            start(transfer, "transfer-service", work, common, sftp, Map.of("SPRING_KAFKA_CLIENT_ID", transfer));
        }
        start(LARGE, "large-transfer-service", work, common, sftp, db, proof, Map.of("SYNC_LARGE_CHUNK_SIZE", "4MB"));
        start(APPROVAL, "approval-service", work, common, sftp, db, proof);
        start(ANOMALY, "anomaly-service", work, common, db, thresholds);

        Instant started = Instant.now();
        Instant deadline = started.plus(STARTUP);
        for (ServiceProcess p : processes.values()) {
            p.awaitReady(deadline);
        }
        System.out.printf("%d service processes ready in %d s%n", processes.size(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    @SafeVarargs
    private void start(String name, String module, Path work, Map<String, String>... settings) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (Map<String, String> s : settings) {
            env.putAll(s);
        }
        processes.put(name, ServiceProcess.start(name, module, LocalResources.freePort(), env, work.resolve(name),
                user, password));
    }

    ServiceProcess get(String name) {
        return processes.get(name);
    }

    /** The processes that ended without the test stopping them. */
    List<String> endedByThemselves() {
        return processes.values().stream().filter(ServiceProcess::endedByItself).map(p -> p.name).toList();
    }

    String brokers() {
        return broker.bootstrapServers();
    }

    /** Every process's log tail, for a failure message. */
    String logs() {
        List<String> tails = new ArrayList<>();
        processes.values().forEach(p -> tails.add(p.tail()));
        return String.join("\n", tails);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Stops every process still running (all at once), then the database and the broker they used. */
    @Override
    public void close() throws Exception {
        processes.values().forEach(ServiceProcess::terminate);
        for (ServiceProcess p : processes.values()) {
            p.close();
        }
        Runtime.getRuntime().removeShutdownHook(orphans);
        try {
            database.close();
        } finally {
            broker.close();
        }
    }
}
