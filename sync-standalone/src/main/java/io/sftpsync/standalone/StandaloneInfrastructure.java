package io.sftpsync.standalone;

import io.sftpsync.standalone.demo.DemoServers;
import io.sftpsync.standalone.demo.DemoUsers;
import io.sftpsync.standalone.kafka.KraftBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts what the all-in-one process brings along before the application context exists, so the context
 * can be configured with it: the embedded broker (unless {@code spring.kafka.bootstrap-servers} is set) and,
 * with {@code --demo}, the two demo SFTP servers and, when it serves HTTP, the demo users. Closed after the context.
 */
final class StandaloneInfrastructure implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StandaloneInfrastructure.class);

    private DataDirLock lock;
    private KraftBroker broker;
    private DemoServers demo;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        StandaloneProperties settings = StandaloneProperties.bind(env);
        Path dataDir = settings.dataDir();
        Map<String, Object> added = new HashMap<>();
        if (settings.mode() == StandaloneProperties.Mode.ONCE
                && env.getProperty("sync.scan.require-stable", Boolean.class, false)) {
            throw new StartRefused("sync.scan.require-stable queues a file only once two scans in a row saw it "
                    + "unchanged, and the once mode runs one scan: every changed file would be deferred.",
                    "Use sync.scan.min-age (a file is queued only when it was last modified at least that long ago)"
                    + " in once mode, or run require-stable in continuous mode.");
        }
        if (settings.mode() == StandaloneProperties.Mode.ONCE
                && !env.containsProperty("spring.main.web-application-type")) {
            // A once run (cron, a benchmark, beside a running service) serves nothing: it must not take a port.
            added.put("spring.main.web-application-type", "none");
        }
        try {
            // Before anything writes to it: a second process on the same directory stops here, naming the first.
            lock = DataDirLock.acquire(dataDir);
            if (!env.containsProperty("spring.kafka.bootstrap-servers")) {
                broker = KraftBroker.start(dataDir.resolve("kafka"), settings.standalone().kafkaPort());
                added.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
            }
            if (settings.demo()) {
                demo = DemoServers.start(dataDir.resolve("demo"));
                added.putAll(demo.properties());
                DemoServers.THRESHOLDS.forEach((k, v) -> {
                    if (!env.containsProperty(k)) {
                        added.put(k, v);
                    }
                });
                log.info("demo: source {} -> sink {}", demo.sourceRoot(), demo.sinkRoot());
                if (!"none".equals(added.getOrDefault("spring.main.web-application-type",
                        env.getProperty("spring.main.web-application-type")))) {
                    DemoUsers users = new DemoUsers();
                    added.putAll(users.properties(configuredUsers(env)));
                    users.printBanner(System.out);
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the embedded infrastructure: " + e.getMessage(), e);
        }
        env.getPropertySources().addFirst(new MapPropertySource("sftp-sync-standalone", added));
    }

    /** How many {@code sync.security.users[N]} are configured: the demo users come after them. */
    private static int configuredUsers(ConfigurableEnvironment env) {
        int n = 0;
        while (env.containsProperty("sync.security.users[" + n + "].username")) {
            n++;
        }
        return n;
    }

    synchronized void close() {
        if (demo != null) {
            try {
                demo.close();
            } catch (IOException e) {
                log.warn("stopping the demo servers: {}", e.toString());
            }
            demo = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("releasing the data directory lock: {}", e.toString());
            }
            lock = null;
        }
    }
}
