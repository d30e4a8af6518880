package io.sftpsync.boot.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Fails start-up on a {@code sync.*} property that no registered settings record binds (a misspelling would
 * otherwise be ignored silently), naming each such property and where it came from.
 *
 * <p>Each module registers its own {@code @ConfigurationProperties} records, so this check keeps no list of them:
 * it reads, from the bean definitions, every bean whose type carries a prefix of {@code sync} or {@code sync.*}.
 * A property is known when it binds to a component of one of them, matched the way Spring binds: {@code batch-size},
 * {@code batchSize} and {@code SYNC_TRANSFER_BATCH_SIZE} all reach {@code sync.transfer.batch-size}; map keys and
 * list indexes are accepted. It walks record components, so a settings type must be a record, as all of ours are.
 *
 * <p>So a process knows the settings of the modules it contains and no others: a {@code sync.large.*} property
 * given to a scanner on its own is reported, as that scanner would ignore it, while the standalone process, which
 * contains every module, knows them all.
 */
public final class UnknownPropertyCheck implements InitializingBean {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("sync");

    private final Environment environment;
    private final ListableBeanFactory beans;

    public UnknownPropertyCheck(Environment environment, ListableBeanFactory beans) {
        this.environment = environment;
        this.beans = beans;
    }

    @Override
    public void afterPropertiesSet() {
        Set<String> unknown = unknownProperties(environment, settingsRecords(beans));
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("unknown configuration " + String.join(", ", unknown)
                    + ": check the spelling (docs/configuration.md lists every sync.* setting)");
        }
    }

    /** A settings type and the prefix it binds under. */
    record Bound(ConfigurationPropertyName prefix, Class<?> type) {
    }

    /**
     * The registered {@code sync.*} records. Looked up without creating any bean (nor a FactoryBean to learn its
     * type): the check runs while the context is still being created.
     */
    static List<Bound> settingsRecords(ListableBeanFactory beans) {
        List<Bound> found = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            ConfigurationProperties annotation = beans.findAnnotationOnBean(name, ConfigurationProperties.class, false);
            if (annotation == null) {
                continue;
            }
            ConfigurationPropertyName prefix = ConfigurationPropertyName.of(annotation.prefix());
            Class<?> type = beans.getType(name, false);
            if (type != null && (ROOT.equals(prefix) || ROOT.isAncestorOf(prefix))) {
                found.add(new Bound(prefix, type));
            }
        }
        return found;
    }

    /** Every {@code sync.*} property in the environment that binds to none of {@code records}, with its origin. */
    static Set<String> unknownProperties(Environment environment, List<Bound> records) {
        Set<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(ROOT::isAncestorOf).forEach(name -> {
                if (records.stream().noneMatch(r -> binds(r, name))) {
                    ConfigurationProperty p = source.getConfigurationProperty(name);
                    unknown.add("'" + name + "'" + (p != null && p.getOrigin() != null ? " (" + p.getOrigin() + ")" : ""));
                }
            });
        }
        return unknown;
    }

    private static boolean binds(Bound record, ConfigurationPropertyName name) {
        int from = 0;
        for (int i = 0; i < record.prefix().getNumberOfElements() && from >= 0; i++) {
            from = end(record.prefix().getElement(i, ConfigurationPropertyName.Form.UNIFORM), name, from);
        }
        return from >= 0 && matches(record.type(), name, from);
    }

    /** Whether the elements of {@code name} from {@code from} on bind to a setting of {@code type}. */
    private static boolean matches(Type type, ConfigurationPropertyName name, int from) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                int end = end(c.getName(), name, from);
                if (end >= 0 && matches(c.getGenericType(), name, end)) {
                    return true;
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

    /**
     * Where the elements of {@code name} that spell {@code word} from {@code from} on end, or -1 when they do not:
     * an environment variable's name may split one word in several elements (BATCH_SIZE -> batch.size).
     */
    private static int end(String word, ConfigurationPropertyName name, int from) {
        String target = uniform(word);
        StringBuilder joined = new StringBuilder();
        for (int end = from; end < name.getNumberOfElements() && joined.length() < target.length(); end++) {
            joined.append(uniform(name.getElement(end, ConfigurationPropertyName.Form.UNIFORM)));
            if (target.contentEquals(joined)) {
                return end + 1;
            }
        }
        return -1;
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
