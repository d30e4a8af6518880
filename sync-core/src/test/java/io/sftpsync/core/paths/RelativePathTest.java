package io.sftpsync.core.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RelativePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c.txt", "spaced name/it's \"q\".txt", "ünï/ç😀de", "new\nline", "-dash", "..a",
        "a..", "..."})
    void acceptsSafePaths(String path) {
        assertThat(RelativePath.check(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", "a/..", "nul\0byte"})
    void refusesPathsThatCouldEscape(String path) {
        assertThatThrownBy(() -> RelativePath.check(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesMustBeOneComponent() {
        assertThat(RelativePath.checkName("ok name")).isEqualTo("ok name");
        for (String bad : new String[] {"a/b", "..", ".", "", "x\0"}) {
            assertThatThrownBy(() -> RelativePath.checkName(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void helpers() {
        assertThat(RelativePath.resolve("/upload", "a/b")).isEqualTo("/upload/a/b");
        assertThat(RelativePath.resolve("/upload/", "a")).isEqualTo("/upload/a");
        assertThat(RelativePath.parent("a/b/c")).isEqualTo("a/b");
        assertThat(RelativePath.parent("c")).isEmpty();
        assertThat(RelativePath.name("a/b/c")).isEqualTo("c");
        assertThat(RelativePath.printable("a\nb")).isEqualTo("a\\x0ab");
    }
}
