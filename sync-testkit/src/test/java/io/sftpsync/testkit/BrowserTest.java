package io.sftpsync.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Debian's Chromium or its driver, a browser test fails at once and says what to install. */
class BrowserTest {

    @TempDir
    Path dir;

    @Test
    void aMissingBrowserOrDriverFailsNamingThePackages() {
        Path missing = dir.resolve("chromium");
        Path present = Path.of("/bin/sh");

        assertThatThrownBy(() -> new Browser(missing, present).beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(missing + " is missing")
                .hasMessageContaining("apt-get install chromium chromium-driver");
        assertThatThrownBy(() -> new Browser(present, dir.resolve("chromedriver")).beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chromedriver is missing").hasMessageContaining(".ci/run");
    }

    @Test
    void outsideItsTestClassItSaysHowToRegisterIt() {
        assertThatThrownBy(() -> new Browser().driver()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }
}
