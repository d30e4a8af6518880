package io.sftpsync.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sftpsync.anomaly.AnomalyApplication;
import io.sftpsync.anomaly.AnomalyConfiguration;
import io.sftpsync.approval.ApprovalApplication;
import io.sftpsync.approval.ApprovalConfiguration;
import io.sftpsync.approval.ApprovalProperties;
import io.sftpsync.boot.config.ConnectionProperties;
import io.sftpsync.boot.config.TopicProperties;
import io.sftpsync.boot.config.UnknownPropertyCheck;
import io.sftpsync.boot.kafka.KafkaConfiguration;
import io.sftpsync.boot.proof.ProofKey;
import io.sftpsync.boot.proof.ProofProperties;
import io.sftpsync.boot.security.HttpSecurityProperties;
import io.sftpsync.boot.security.Role;
import io.sftpsync.boot.sftp.SftpConfiguration;
import io.sftpsync.large.LargeTransferApplication;
import io.sftpsync.scanner.ScannerApplication;
import io.sftpsync.scanner.ScannerConfiguration;
import io.sftpsync.transfer.TransferApplication;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * docker-compose.yml keeps the rules of a deployment that cannot be tried here (no Docker engine): pinned images,
 * health checks, memory limits, ports on 127.0.0.1 only, no secret in the file, an environment every service
 * starts with (each variable bound by the service's own settings records, as Spring binds it), conditions on every
 * dependency, every topic created up front, and Jib images that are what compose runs.
 */
class ComposeFileTest {

    /** The five services: compose service = Maven module, and the class each image runs. */
    static final Map<String, Class<?>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("scanner-service", ScannerApplication.class);
        SERVICES.put("transfer-service", TransferApplication.class);
        SERVICES.put("large-transfer-service", LargeTransferApplication.class);
        SERVICES.put("approval-service", ApprovalApplication.class);
        SERVICES.put("anomaly-service", AnomalyApplication.class);
    }

    /** The services that sign or check approved oversized files: they fail such files without the key. */
    static final Set<String> PROOF_KEY_NEEDED = Set.of("large-transfer-service", "approval-service");

    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|KEY).*");
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]+}");
    private static final String AUTOCONFIGURATIONS =
            "src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    /** The heap ./sftp-sync runs the whole pipeline in: no single service gets less. */
    private static final long MIN_HEAP = 256L << 20;

    static ComposeFile compose;

    @BeforeAll
    static void load() {
        compose = ComposeFile.load();
    }

    @Test
    void everyImageIsPinnedByDigestOrIsOneOfOurJibImages() {
        compose.services().forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertThat(service).as(name + " is built by Jib, not by compose").doesNotContainKey("build");
            if (SERVICES.containsKey(name)) {
                assertThat(image).as(name + "'s image").isEqualTo("sftp-sync/" + name + ":${SFTP_SYNC_VERSION:-"
                        + projectVersion() + "}");
                assertThat(service.get("pull_policy")).as(name + ": built here, never pulled from a registry")
                        .isEqualTo("never");
            } else {
                assertThat(image).as(name + "'s image: a tag and the digest it had").matches(PINNED);
            }
        });
        assertThat(compose.services().keySet()).containsAll(SERVICES.keySet());
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndEveryServiceAMemoryLimit() {
        compose.services().forEach((name, service) -> {
            assertThat(memoryLimit(name, service)).as(name + "'s memory limit").isPositive();
            if (oneShot(service)) {
                assertThat(service).as(name + ": a one-shot has no health check to wait for")
                        .doesNotContainKey("healthcheck");
                return;
            }
            assertThat(service.get("healthcheck")).as(name + "'s health check").isInstanceOf(Map.class);
            Object test = ((Map<?, ?>) service.get("healthcheck")).get("test");
            assertThat(test).as(name + "'s health check test").isInstanceOf(List.class);
            assertThat((List<?>) test).as(name + "'s health check test").hasSizeGreaterThan(1);
            assertThat(((List<?>) test).get(0)).isIn("CMD", "CMD-SHELL");
            assertThat(service.get("restart")).as(name + " restarts").isEqualTo("unless-stopped");
        });
    }

    @Test
    void ourServicesHeapsAreSizedFromTheirLimits() throws Exception {
        double percentage = jvmFlags().stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage="))
                .map(f -> Double.parseDouble(f.substring(f.indexOf('=') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("the Jib jvmFlags set no -XX:MaxRAMPercentage"));
        assertThat(jvmFlags()).noneMatch(f -> f.startsWith("-Xmx") || f.startsWith("-Xms"));
        for (String name : SERVICES.keySet()) {
            long heap = (long) (memoryLimit(name, compose.service(name)) * percentage / 100);
            assertThat(heap).as(name + ": " + percentage + " % of its memory limit").isGreaterThanOrEqualTo(MIN_HEAP);
        }
    }

    @Test
    void portsArePublishedOnLoopbackOnlyAndTheTransferServiceScales() {
        compose.services().forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                assertThat(String.valueOf(port)).as(name + "'s published port").startsWith("127.0.0.1:");
            }
            assertThat(service).as(name + ": " + "no fixed container name").doesNotContainKey("container_name");
            assertThat(service).doesNotContainKey("network_mode");
        });
        Map<String, Object> transfer = compose.service("transfer-service");
        assertThat(transfer).as("--scale transfer-service=3: three replicas cannot share a host port")
                .doesNotContainKey("ports");
    }

    @Test
    void noSecretIsWrittenInTheFile() throws IOException {
        Set<String> secretVariables = new TreeSet<>();
        compose.services().forEach((name, service) -> ComposeFile.rawEnvironment(service).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                Matcher m = SECRET_REFERENCE.matcher(value);
                assertThat(m.matches()).as(name + "'s " + key + " must be a ${VARIABLE:?message} reference to .env, was '"
                        + value + "'").isTrue();
                secretVariables.add(m.group(1));
            }
        }));
        // The SFTP servers' user lines carry their passwords: references too.
        for (String server : List.of("sftp-source", "sftp-sink")) {
            String users = ComposeFile.rawEnvironment(compose.service(server)).get("SFTP_USERS");
            String[] fields = users.split(":(?![^{]*})");
            assertThat(fields[1]).as(server + "'s password field").matches(SECRET_REFERENCE);
        }
        assertThat(secretVariables).contains("POSTGRES_PASSWORD", "SFTP_SOURCE_PASSWORD", "SFTP_SINK_PASSWORD",
                "SYNC_PROOF_KEY", "SYNC_OPERATOR_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
        for (String variable : secretVariables) {
            assertThat(compose.envExample).as(".env.example names " + variable).containsKey(variable);
            assertThat(compose.envExample.get(variable)).as(".env.example holds a placeholder for " + variable)
                    .contains("change-me");
        }
        assertThat(Files.readAllLines(compose.root.resolve(".gitignore"))).as(".env is never committed")
                .contains("/.env", "/deploy/sftp/keys/");
    }

    @Test
    void everyVariableOfOurServicesBindsToASettingOfThatServiceAndNoneIsMissing() throws Exception {
        Set<String> springNames = springPropertyNamesAsEnvironment();
        for (var entry : SERVICES.entrySet()) {
            String name = entry.getKey();
            Map<String, String> env = compose.environment(name);
            StandardEnvironment environment = environmentOf(env);
            List<Class<?>> records = settingsRecords(name, entry.getValue());

            // sync.*: exactly as the service's own check at start-up decides it.
            DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
            records.forEach(r -> beans.registerBeanDefinition(r.getName(), new RootBeanDefinition(r)));
            try {
                new UnknownPropertyCheck(environment, beans).afterPropertiesSet();
            } catch (IllegalStateException e) {
                fail(name + ": " + e.getMessage());
            }
            // Every other variable is a property Spring itself documents.
            env.keySet().stream().filter(k -> !k.startsWith("SYNC_")).forEach(k -> assertThat(springNames)
                    .as(name + "'s " + k + " is no Spring Boot property").contains(k));
            // Values bind and validate (the .env.example placeholders included).
            Binder binder = Binder.get(environment);
            LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
            validator.afterPropertiesSet();
            for (Class<?> record : records) {
                String prefix = record.getAnnotation(ConfigurationProperties.class).prefix();
                try {
                    binder.bindOrCreate(prefix, Bindable.of(record), new ValidationBindHandler(validator));
                } catch (RuntimeException e) {
                    fail(name + ": " + record.getSimpleName() + " does not bind: " + rootCause(e), e);
                }
            }
            validator.close();

            assertThat(env).as(name + " reaches the broker of this file").containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    "kafka:9092");
            HttpSecurityProperties security = binder.bindOrCreate("sync.security", HttpSecurityProperties.class);
            assertThat(security.users()).as(name + ": without users every /api call is refused")
                    .anyMatch(u -> u.roles().contains(Role.OPERATOR));
            if (usesSftp(entry.getValue())) {
                ConnectionProperties c = binder.bindOrCreate("sync", ConnectionProperties.class);
                for (var server : Map.of("source", c.source(), "sink", c.sink()).entrySet()) {
                    var s = server.getValue();
                    assertThat(s).as(name + ": sync." + server.getKey()).isNotNull();
                    assertThat(compose.services()).as(name + ": sync." + server.getKey() + ".host")
                            .containsKey(s.host());
                    assertThat(s.username()).as(name + ": sync." + server.getKey() + ".username").isNotBlank();
                    assertThat(s.password() != null || s.passwordFile() != null || s.privateKey() != null)
                            .as(name + ": a password or key for sync." + server.getKey()).isTrue();
                }
                assertThat(mountTargets(compose.service(name))).as(name + ": sync.known-hosts is mounted")
                        .contains(c.knownHosts().toString());
            } else {
                assertThat(env.keySet()).as(name + " connects to no SFTP server").noneMatch(k ->
                        k.startsWith("SYNC_SOURCE_") || k.startsWith("SYNC_SINK_"));
            }
            if (usesDatabase(name)) {
                assertThat(env.get("SPRING_DATASOURCE_URL")).as(name + ": the database of this file, not an "
                        + "embedded one in the container").isEqualTo("jdbc:postgresql://postgres:5432/"
                        + compose.environment("postgres").get("POSTGRES_DB"));
                assertThat(env).containsEntry("SPRING_DATASOURCE_USERNAME",
                        compose.environment("postgres").get("POSTGRES_USER"));
                assertThat(env).containsEntry("SPRING_DATASOURCE_PASSWORD",
                        compose.environment("postgres").get("POSTGRES_PASSWORD"));
            } else {
                assertThat(env.keySet()).as(name + " has no database").noneMatch(k -> k.startsWith("SPRING_DATASOURCE"));
            }
            if (PROOF_KEY_NEEDED.contains(name)) {
                ProofKey key = ProofKey.of(binder.bindOrCreate("sync.proof", ProofProperties.class));
                assertThat(key.proof()).as(name + ": the approval proof key").isPresent();
            }
        }
    }

    @Test
    void everyDependencyHasACondition() {
        compose.services().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as(name + "'s depends_on: a map with conditions").isInstanceOf(Map.class);
            ((Map<?, ?>) dependsOn).forEach((other, spec) -> {
                Map<String, Object> target = compose.service(String.valueOf(other));
                Object condition = ((Map<?, ?>) spec).get("condition");
                assertThat(condition).as(name + " -> " + other).isIn("service_healthy",
                        "service_completed_successfully", "service_started");
                if ("service_healthy".equals(condition)) {
                    assertThat(target).as(other + " has a health check to wait for").containsKey("healthcheck");
                }
                if ("service_completed_successfully".equals(condition)) {
                    assertThat(oneShot(target)).as(other + " is a one-shot").isTrue();
                }
            });
        });
        for (String name : SERVICES.keySet()) {
            Map<?, ?> dependsOn = (Map<?, ?>) compose.service(name).get("depends_on");
            assertThat(condition(dependsOn, "kafka-init")).as(name + " starts when the topics exist")
                    .isEqualTo("service_completed_successfully");
            if (usesSftp(SERVICES.get(name))) {
                assertThat(condition(dependsOn, "sftp-source")).isEqualTo("service_healthy");
                assertThat(condition(dependsOn, "sftp-sink")).isEqualTo("service_healthy");
            }
            if (usesDatabase(name)) {
                assertThat(condition(dependsOn, "postgres")).isEqualTo("service_healthy");
            }
        }
        assertThat(condition((Map<?, ?>) compose.service("kafka-init").get("depends_on"), "kafka"))
                .isEqualTo("service_healthy");
    }

    @Test
    void kafkaInitCreatesEveryTopicTheServicesWouldCreateWithTheirPartitionsAndConfigs() throws Exception {
        Map<String, String> env = compose.environment("scanner-service");
        Binder binder = Binder.get(environmentOf(env));
        TopicProperties topics = binder.bindOrCreate("sync.topics", TopicProperties.class);
        ApprovalProperties approval = binder.bindOrCreate("sync.approval", ApprovalProperties.class);
        List<NewTopic> expected = new ArrayList<>();
        expected.addAll(newTopics(new KafkaConfiguration(), topics));
        expected.addAll(newTopics(new ApprovalConfiguration(), topics, approval));
        expected.addAll(newTopics(new AnomalyConfiguration(), topics));
        List<NewTopic> single = new ArrayList<>(newTopics(new ScannerConfiguration(), topics));
        expected.addAll(single);

        Map<String, String> init = compose.environment("kafka-init");
        Set<String> plain = Set.of(init.get("TOPICS").trim().split("\\s+"));
        Set<String> compacted = Set.of(init.get("COMPACTED_TOPICS").trim().split("\\s+"));
        Set<String> onePartition = Set.of(init.get("SINGLE_PARTITION_TOPICS").trim().split("\\s+"));
        assertThat(onePartition).as("kafka-init's one-partition topics")
                .containsExactlyInAnyOrderElementsOf(single.stream().map(NewTopic::name).toList());
        assertThat(single).allSatisfy(t -> assertThat(t.numPartitions()).as(t.name()).isEqualTo(1));
        Set<String> created = new HashSet<>(plain);
        created.addAll(compacted);
        created.addAll(onePartition);
        assertThat(created).as("kafka-init's topics").containsExactlyInAnyOrderElementsOf(
                expected.stream().map(NewTopic::name).collect(Collectors.toSet()));
        assertThat(plain).as("no topic twice").doesNotContainAnyElementsOf(compacted);
        for (NewTopic t : expected) {
            Map<String, String> configs = t.configs() == null ? Map.of() : t.configs();
            assertThat(compacted.contains(t.name())).as(t.name() + " compacted")
                    .isEqualTo("compact".equals(configs.get("cleanup.policy")));
            if (compacted.contains(t.name())) {
                configs.forEach((k, v) -> assertThat(init.get("COMPACTED_CONFIG")).as(t.name())
                        .contains("--config " + k + "=" + v));
            }
        }
        // One partition count for kafka-init and every service's own creation at start.
        String partitions = ComposeFile.rawEnvironment(compose.service("kafka-init")).get("PARTITIONS");
        for (String name : SERVICES.keySet()) {
            assertThat(ComposeFile.rawEnvironment(compose.service(name)).get("SYNC_TOPICS_PARTITIONS"))
                    .as(name + "'s partitions").isEqualTo(partitions);
        }
        assertThat(Integer.parseInt(init.get("PARTITIONS"))).isEqualTo(topics.partitions());
        assertThat(String.valueOf(compose.service("kafka-init").get("command"))).contains("$$TOPICS",
                "$$SINGLE_PARTITION_TOPICS", "--partitions 1",
                "$$COMPACTED_TOPICS", "$$COMPACTED_CONFIG", "--partitions \"$$PARTITIONS\"", "--if-not-exists");
        assertThat(compose.service("kafka-init").get("image")).isEqualTo(compose.service("kafka").get("image"));
        assertThat(compose.environment("kafka")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @Test
    void eachServicesJibImageIsWhatComposeRuns() throws Exception {
        Element rootJib = jibPlugin(rootPom(), true);
        String fromImage = resolve(text(rootJib, "from", "image"));
        assertThat(fromImage).as("the base image").matches(PINNED).startsWith("eclipse-temurin:21-jre");
        for (var entry : SERVICES.entrySet()) {
            String name = entry.getKey();
            Element jib = jibPlugin(pom(name), false);
            assertThat(jib).as(name + "'s pom configures jib-maven-plugin").isNotNull();
            assertThat(text(jib, "skip")).as(name + " builds its image (the root pom skips by default)")
                    .isEqualTo("false");
            String image = resolve(text(jib, "to", "image"));
            assertThat(image).as(name + "'s Jib image").isEqualTo(compose.interpolate(
                    String.valueOf(compose.service(name).get("image"))));

            String user = resolve(firstNonNull(text(jib, "container", "user"), text(rootJib, "container", "user")));
            assertThat(user).as(name + ": a numeric uid:gid").matches("\\d+:\\d+");
            assertThat(Integer.parseInt(user.split(":")[0])).as(name + " runs as no root").isPositive();
            assertThat(compose.service(name)).as(name + ": compose keeps the image's user").doesNotContainKey("user");

            String mainClass = text(jib, "container", "mainClass");
            assertThat(mainClass).as(name + "'s main class").isEqualTo(entry.getValue().getName());

            List<String> ports = texts(jib, "container", "ports");
            assertThat(ports).as(name + "'s image exposes a port").hasSize(1);
            String port = ports.get(0);
            assertThat(compose.environment(name)).as(name + " keeps the image's port").doesNotContainKey("SERVER_PORT");
            for (Object published : (List<?>) compose.service(name).getOrDefault("ports", List.of())) {
                assertThat(String.valueOf(published)).as(name + " publishes the image's port").endsWith(":" + port);
            }
            String healthCheck = String.valueOf(((Map<?, ?>) compose.service(name).get("healthcheck")).get("test"));
            assertThat(healthCheck).as(name + "'s health check asks the image's port")
                    .contains("/dev/tcp/127.0.0.1/" + port + " ");
        }
    }

    @Test
    void mountedRepositoryFilesOfOursExist() {
        compose.services().forEach((name, service) -> {
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = compose.interpolate(String.valueOf(volume)).split(":")[0];
                // deploy/sftp/keys is made by scripts/compose-keys.sh (ComposeKeysScriptTest), the rest is committed.
                if (source.startsWith("./") && !source.startsWith("./deploy/sftp/keys/")
                        && !source.startsWith("./deploy/prometheus/") && !source.startsWith("./deploy/grafana/")) {
                    assertThat(compose.root.resolve(source)).as(name + " mounts " + source).exists();
                }
            }
        });
    }

    // --- what the services are

    /**
     * The settings records a service registers: those of sync-boot's and (where the module depends on it) sync-db's
     * auto-configurations and of its own, less what its application excludes, and of the configuration classes its
     * component scan finds; following {@code @Import}.
     */
    static List<Class<?>> settingsRecords(String module, Class<?> application) throws Exception {
        Set<String> excluded = Arrays.stream(application.getAnnotation(SpringBootApplication.class).exclude())
                .map(Class::getName).collect(Collectors.toSet());
        List<String> modules = new ArrayList<>(List.of("sync-boot", module));
        if (usesDatabase(module)) {
            modules.add("sync-db");
        }
        Set<Class<?>> configurations = new LinkedHashSet<>();
        for (String m : modules) {
            for (String line : Files.readAllLines(compose.root.resolve(m).resolve(AUTOCONFIGURATIONS))) {
                if (!line.isBlank() && !line.startsWith("#") && !excluded.contains(line.strip())) {
                    configurations.add(Class.forName(line.strip()));
                }
            }
        }
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(EnableConfigurationProperties.class));
        for (var candidate : scan.findCandidateComponents(application.getPackageName())) {
            configurations.add(Class.forName(candidate.getBeanClassName()));
        }
        Set<Class<?>> records = new LinkedHashSet<>();
        Set<Class<?>> seen = new HashSet<>();
        configurations.forEach(c -> collect(c, records, seen));
        return List.copyOf(records);
    }

    private static void collect(Class<?> configuration, Set<Class<?>> records, Set<Class<?>> seen) {
        if (!seen.add(configuration)) {
            return;
        }
        EnableConfigurationProperties enable = configuration.getAnnotation(EnableConfigurationProperties.class);
        if (enable != null) {
            records.addAll(List.of(enable.value()));
        }
        Import imports = configuration.getAnnotation(Import.class);
        if (imports != null) {
            Arrays.stream(imports.value()).forEach(c -> collect(c, records, seen));
        }
    }

    static boolean usesSftp(Class<?> application) {
        return Arrays.stream(application.getAnnotation(SpringBootApplication.class).exclude())
                .noneMatch(SftpConfiguration.class::equals);
    }

    static boolean usesDatabase(String module) {
        try {
            Document pom = pom(module);
            Element dependencies = child(pom.getDocumentElement(), "dependencies");
            for (Element d : children(dependencies, "dependency")) {
                if ("sync-db".equals(text(d, "artifactId")) && text(d, "scope") == null) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- compose helpers

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart")));
    }

    private static String condition(Map<?, ?> dependsOn, String service) {
        assertThat(dependsOn != null && dependsOn.containsKey(service)).as("depends on " + service).isTrue();
        return String.valueOf(((Map<?, ?>) dependsOn.get(service)).get("condition"));
    }

    private static long memoryLimit(String name, Map<String, Object> service) {
        Object limit = service.get("mem_limit");
        if (limit == null && service.get("deploy") instanceof Map<?, ?> deploy
                && deploy.get("resources") instanceof Map<?, ?> resources
                && resources.get("limits") instanceof Map<?, ?> limits) {
            limit = limits.get("memory");
        }
        assertThat(limit).as(name + " has mem_limit or deploy.resources.limits.memory").isNotNull();
        Matcher m = Pattern.compile("(\\d+)([kmg]?)b?").matcher(String.valueOf(limit).toLowerCase());
        assertThat(m.matches()).as(name + "'s memory limit " + limit).isTrue();
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static Set<String> mountTargets(Map<String, Object> service) {
        Set<String> targets = new HashSet<>();
        for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
            targets.add(String.valueOf(volume).split(":")[1]);
        }
        return targets;
    }

    /** An environment that holds {@code env} as the process environment, and nothing else. */
    static StandardEnvironment environmentOf(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        List.copyOf(sources.stream().map(s -> s.getName()).toList()).forEach(sources::remove);
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new TreeMap<>(env)));
        return environment;
    }

    /**
     * Every property in Spring's configuration metadata on the class path, in the forms an environment variable
     * may give it: dots as underscores, dashes dropped or as underscores, upper case.
     */
    private static Set<String> springPropertyNamesAsEnvironment() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9.\\-]+)\"");
        Enumeration<URL> metadata = ComposeFileTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                Matcher m = name.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    String property = m.group(1).toUpperCase().replace('.', '_');
                    names.add(property.replace("-", ""));
                    names.add(property.replace('-', '_'));
                }
            }
        }
        assertThat(names).as("Spring Boot's metadata on the class path").contains("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                "SPRING_DATASOURCE_URL");
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Collection<NewTopic> newTopics(Object configuration, Object... arguments) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (Method method : configuration.getClass().getDeclaredMethods()) {
            if (method.getReturnType() == KafkaAdmin.NewTopics.class) {
                method.setAccessible(true);
                Object[] args = Arrays.stream(method.getParameterTypes()).map(type -> Arrays.stream(arguments)
                        .filter(type::isInstance).findFirst().orElseThrow(() -> new AssertionError(
                                method + " needs a " + type.getSimpleName()))).toArray();
                Object newTopics = method.invoke(configuration, args);
                Method list = KafkaAdmin.NewTopics.class.getDeclaredMethod("getNewTopics");
                list.setAccessible(true);
                topics.addAll((Collection<NewTopic>) list.invoke(newTopics));
            }
        }
        assertThat(topics).as(configuration.getClass().getSimpleName() + "'s topics").isNotEmpty();
        return topics;
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.toString();
    }

    // --- the poms

    private static Document rootPom() throws Exception {
        return xml(compose.root.resolve("pom.xml"));
    }

    private static Document pom(String module) throws Exception {
        return xml(compose.root.resolve(module).resolve("pom.xml"));
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String projectVersion() {
        try {
            return text(rootPom().getDocumentElement(), "version");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** ${property} of the root pom's properties, and ${project.version}. */
    private static String resolve(String value) throws Exception {
        if (value == null) {
            return null;
        }
        Element properties = child(rootPom().getDocumentElement(), "properties");
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = key.equals("project.version") ? projectVersion() : text(properties, key);
            assertThat(v).as("${" + key + "} in the root pom").isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The jib-maven-plugin's configuration: of build/plugins, or of build/pluginManagement/plugins. */
    private static Element jibPlugin(Document pom, boolean managed) {
        Element build = child(pom.getDocumentElement(), "build");
        Element plugins = managed ? child(child(build, "pluginManagement"), "plugins") : child(build, "plugins");
        for (Element plugin : children(plugins, "plugin")) {
            if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                return child(plugin, "configuration");
            }
        }
        return null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String text(Element element, String... path) {
        Element e = element;
        for (String name : path) {
            e = child(e, name);
        }
        return e == null ? null : e.getTextContent().strip();
    }

    private static List<String> texts(Element element, String... path) {
        Element e = element;
        for (String name : path) {
            e = child(e, name);
        }
        List<String> values = new ArrayList<>();
        if (e != null) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c) {
                    values.add(c.getTextContent().strip());
                }
            }
        }
        return values;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static List<String> jvmFlags() throws Exception {
        return texts(jibPlugin(rootPom(), true), "container", "jvmFlags");
    }
}
