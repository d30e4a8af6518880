package io.sftpsync.boot.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Fails start-up on a {@code sync.*} property that no setting of {@link SyncProperties} binds (a misspelling
 * would otherwise be ignored silently), naming each such property and where it came from. Names are matched
 * the way Spring binds them: {@code batch-size}, {@code batchSize} and {@code SYNC_TRANSFER_BATCH_SIZE} all
 * reach {@code sync.transfer.batch-size}.
 */
public final class UnknownPropertyCheck implements InitializingBean {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("sync");

    private final Environment environment;

    public UnknownPropertyCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> unknown = unknownProperties(environment);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("unknown configuration " + String.join(", ", unknown)
                    + ": check the spelling (docs/configuration.md lists every sync.* setting)");
        }
    }

    /** Every {@code sync.*} property in the environment that binds to nothing, with its origin. */
    static Set<String> unknownProperties(Environment environment) {
        Set<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(ROOT::isAncestorOf).forEach(name -> {
                if (!matches(SyncProperties.class, name, 1)) {
                    ConfigurationProperty p = source.getConfigurationProperty(name);
                    unknown.add("'" + name + "'" + (p != null && p.getOrigin() != null ? " (" + p.getOrigin() + ")" : ""));
                }
            });
        }
        return unknown;
    }

    /** Whether the elements of {@code name} from {@code from} on bind to a setting of {@code type}. */
    private static boolean matches(Type type, ConfigurationPropertyName name, int from) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            if (from >= name.getNumberOfElements()) {
                return false;
            }
            // An environment variable's name may split one element in several (BATCH_SIZE -> batch.size).
            StringBuilder joined = new StringBuilder();
            for (int end = from; end < name.getNumberOfElements(); end++) {
                joined.append(uniform(name.getElement(end, ConfigurationPropertyName.Form.UNIFORM)));
                for (RecordComponent c : raw.getRecordComponents()) {
                    if (uniform(c.getName()).contentEquals(joined) && matches(c.getGenericType(), name, end + 1)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return from + 1 == name.getNumberOfElements();
        }
        if (List.class.isAssignableFrom(raw)) {
            if (from == name.getNumberOfElements()) {
                return true; // a comma-separated value
            }
            return isIndex(name, from) && matches(argument(type), name, from + 1);
        }
        return from == name.getNumberOfElements();
    }

    private static boolean isIndex(ConfigurationPropertyName name, int i) {
        return name.isNumericIndex(i) || name.getElement(i, ConfigurationPropertyName.Form.UNIFORM).matches("\\d+");
    }

    private static String uniform(String s) {
        return s.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
    }
}
