package io.sftpsync.standalone;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A once run on a terminal shows what a person waits for: warnings, the progress line and the summary. Its
 * full log goes to {@code <data-dir>/logs/sftp-sync.log} (or {@code logging.file.name}); {@code --verbose} keeps
 * it on the console instead.
 * Continuous mode logs to the console as before. Runs just before Spring Boot's logging is set up, so the
 * settings it adds are the ones the logging system starts with.
 */
final class OnceLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final String LOG_FILE = "logs/sftp-sync.log";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        StandaloneProperties settings = StandaloneProperties.bind(env);
        if (settings.mode() != StandaloneProperties.Mode.ONCE || settings.standalone().verbose()) {
            return;
        }
        Map<String, Object> added = new HashMap<>(Map.of("logging.threshold.console", "WARN",
                "spring.main.banner-mode", "off"));
        if (!env.containsProperty("logging.file.name")) {
            added.put("logging.file.name", settings.dataDir().resolve(LOG_FILE).toString());
        }
        env.getPropertySources().addFirst(new MapPropertySource("sftp-sync-once-logging", added));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER - 1;
    }
}
