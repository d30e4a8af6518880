package io.sftpsync.standalone.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/compose-keys.sh, run in a copy of the files it needs: it makes every host key docker-compose.yml mounts,
 * a known_hosts naming those keys under the servers' compose names, and a .env with a real value for every
 * placeholder of .env.example; run again, it keeps them.
 */
class ComposeKeysScriptTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void makesTheKeysKnownHostsAndEnvThatComposeMounts(@TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve("scripts"));
        Files.copy(compose.root.resolve("scripts/compose-keys.sh"), copy.resolve("scripts/compose-keys.sh"));
        Files.copy(compose.root.resolve(".env.example"), copy.resolve(".env.example"));
        run(copy);

        for (String server : List.of("sftp-source", "sftp-sink")) {
            for (Object volume : (List<?>) compose.service(server).get("volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./deploy/sftp/keys/")) {
                    Path key = copy.resolve(source);
                    assertThat(key).as(server + " mounts " + source).exists();
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                            .as("sshd refuses a host key others may read").isEqualTo("rw-------");
                    String publicKey = Files.readString(Path.of(key + ".pub")).split(" ")[1];
                    assertThat(Files.readAllLines(copy.resolve("deploy/sftp/keys/known_hosts")))
                            .as("known_hosts names " + server + "'s key under its compose name")
                            .anyMatch(l -> l.startsWith(server + " ") && l.contains(" " + publicKey));
                }
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                copy.resolve("deploy/sftp/keys/known_hosts")))).as("read by the services' user").isEqualTo("rw-r--r--");

        Path env = copy.resolve(".env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        Map<String, String> values = ComposeFile.dotEnv(Files.readAllLines(env));
        assertThat(values.keySet()).containsExactlyElementsOf(compose.envExample.keySet());
        values.forEach((k, v) -> {
            assertThat(v).as(k).doesNotContain("change-me").doesNotContain(":");
            assertThat(v.replaceFirst("^\\{noop}", "")).as(k).hasSizeGreaterThanOrEqualTo(24);
        });
        assertThat(values.get("SYNC_PROOF_KEY")).as("at least 32 bytes").hasSizeGreaterThanOrEqualTo(32);
        assertThat(values.get("SYNC_OPERATOR_PASSWORD")).startsWith("{noop}");

        // A second run keeps keys and secrets.
        String before = Files.readString(copy.resolve("deploy/sftp/keys/known_hosts")) + Files.readString(env);
        run(copy);
        assertThat(Files.readString(copy.resolve("deploy/sftp/keys/known_hosts")) + Files.readString(env))
                .isEqualTo(before);
    }

    private static void run(Path copy) throws Exception {
        Process p = new ProcessBuilder("bash", copy.resolve("scripts/compose-keys.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
