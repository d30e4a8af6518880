package io.sftpsync.standalone.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's docker-compose.yml as compose reads it: YAML with anchors and merge keys resolved, and values
 * interpolated the way compose does, with the variables of .env.example (the template of the .env it reads).
 */
final class ComposeFile {

    /** {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    final Path root;
    final Map<String, Object> yaml;
    final Map<String, String> envExample;

    private ComposeFile(Path root, Map<String, Object> yaml, Map<String, String> envExample) {
        this.root = root;
        this.yaml = yaml;
        this.envExample = envExample;
    }

    /** The file of the repository this test runs in. */
    static ComposeFile load() {
        Path root = repositoryRoot();
        try {
            Map<String, Object> yaml = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
            return new ComposeFile(root, yaml, dotEnv(Files.readAllLines(root.resolve(".env.example"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("sync-standalone"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    /** KEY=VALUE lines, comments and blank lines skipped, one level of quotes removed (as compose does). */
    static Map<String, String> dotEnv(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                continue;
            }
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(l.substring(0, eq).strip(), value);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) yaml.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** A service's environment as written (variables not interpolated). */
    @SuppressWarnings("unchecked")
    static Map<String, String> rawEnvironment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** A service's environment as the container gets it, with .env.example as .env. */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        rawEnvironment(service(service)).forEach((k, v) -> env.put(k, interpolate(v)));
        return env;
    }

    /** A value as compose interpolates it; a variable neither in .env.example nor defaulted is an error. */
    String interpolate(String value) {
        String escaped = value.replace("$$", "\u0000");
        Matcher m = VARIABLE.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String op = m.group(2);
            String set = envExample.get(name);
            String replacement;
            if (set != null && !(set.isEmpty() && op != null && op.startsWith(":"))) {
                replacement = set;
            } else if (op != null && op.endsWith("-")) {
                replacement = m.group(3);
            } else {
                throw new AssertionError("${" + name + "} is neither in .env.example nor given a default (in '"
                        + value + "')");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }
}
