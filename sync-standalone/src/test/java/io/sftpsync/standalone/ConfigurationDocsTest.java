package io.sftpsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * docs/configuration.md names every setting of every module's properties record, with its environment variable: a
 * field added to a record and not to the docs fails here, with its name. Nested records are settings of their own ({@code sync.scan.audit.cron}), a
 * list of records is written {@code prefix[N].field}, a map {@code prefix.<key>}.
 */
class ConfigurationDocsTest {

    private static final Pattern NAME = Pattern.compile("`([a-z][a-zN0-9.\\[\\]<>*-]*)`");

    @Test
    void everySettingOfEveryRecordIsDocumented() throws Exception {
        Set<String> documented = documented();
        Set<String> missing = new TreeSet<>();
        for (Class<?> record : EverySettingTest.EveryModule.class.getAnnotation(EnableConfigurationProperties.class)
                .value()) {
            String prefix = record.getAnnotation(ConfigurationProperties.class).prefix();
            for (String name : settings(prefix, record)) {
                if (!documented.contains(name)) {
                    missing.add(name + " (" + record.getSimpleName() + ")");
                }
            }
        }
        assertThat(missing).as("settings missing from docs/configuration.md").isEmpty();
    }

    /**
     * Each documented setting names its environment variable in the second column, and Spring really reads the
     * setting from that variable (a list's N as index 0, a map's key as "medium").
     */
    @Test
    void everyDocumentedSettingNamesAnEnvironmentVariableSpringReadsItFrom() throws Exception {
        int checked = 0;
        for (String line : Files.readAllLines(docs())) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Matcher names = NAME.matcher(cells[1]);
            while (names.find()) {
                String name = names.group(1);
                if (!name.contains(".") || name.endsWith("*")) {
                    continue;
                }
                String variable = name.replace("[N]", "_N").replace('.', '_').replace('-', '_')
                        .toUpperCase(java.util.Locale.ROOT);
                assertThat(cells[2]).as(name + "'s environment variable").contains("`" + variable + "`");
                String concrete = name.replace("[N]", "[0]").replaceAll("<[a-z-]+>", "medium");
                String value = variable.replace("_N_", "_0_").replaceAll("<[A-Z-]+>", "MEDIUM");
                var sources = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(value, "x")));
                assertThat(new Binder(sources).bind(concrete, String.class).orElse(null))
                        .as(value + " sets " + concrete).isEqualTo("x");
                checked++;
            }
        }
        assertThat(checked).as("settings checked").isGreaterThan(100);
    }

    /** Every name in the first column of the docs' tables, list indexes written [N]. */
    private static Set<String> documented() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(docs())) {
            if (line.startsWith("| `")) {
                Matcher m = NAME.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    names.add(m.group(1).replaceAll("<[a-z-]+>", "<key>"));
                }
            }
        }
        return names;
    }

    /** docs/configuration.md of the repository this test runs in (the module's directory or the root). */
    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/configuration.md"))
                    && Files.isDirectory(dir.resolve("sync-standalone"))) {
                return dir.resolve("docs/configuration.md");
            }
        }
        throw new IllegalStateException("no docs/configuration.md above " + Path.of("").toAbsolutePath());
    }

    /** The settings a record binds under a prefix. */
    static List<String> settings(String prefix, Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String name = prefix + "." + kebab(c.getName());
            Class<?> type = c.getType();
            Type generic = c.getGenericType();
            if (isOurs(type) && type.isRecord()) {
                names.addAll(settings(name, type));
            } else if (Collection.class.isAssignableFrom(type) && element(generic, 0) instanceof Class<?> e
                    && isOurs(e) && e.isRecord()) {
                names.addAll(settings(name + "[N]", e));
            } else if (Map.class.isAssignableFrom(type)) {
                names.add(name + ".<key>");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private static Type element(Type generic, int index) {
        return generic instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : null;
    }

    private static boolean isOurs(Class<?> type) {
        return type.getName().startsWith("io.sftpsync.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
