package io.sftpsync.core.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*.tmp | a.tmp | true",
        "*.tmp | deep/dir/a.tmp | true",
        "*.tmp | a.tmp.gz | false",
        "logs/*.log | logs/a.log | true",
        "logs/*.log | logs/x/a.log | false",
        "logs/**/*.log | logs/x/y/a.log | true",
        "logs/**/*.log | logs/a.log | true",
        "**/cache/** | a/cache/b/c | true",
        "/top.txt | top.txt | true",
        "/top.txt | sub/top.txt | false",
        "file?.csv | file1.csv | true",
        "file?.csv | file10.csv | false",
        "[ab]*.txt | apple.txt | true",
        "[!ab]*.txt | apple.txt | false",
        "*.{csv,json} | x/y.json | true",
        "*.{csv,json} | x/y.xml | false",
        "a+b(c).txt | a+b(c).txt | true",
        "name with space* | dir/name with space 1 | true",
    })
    void matches(String glob, String path, boolean expected) {
        assertThat(Glob.of(glob).matches(path)).isEqualTo(expected);
    }

    @Test
    void badPatternsAreRefused() {
        assertThatThrownBy(() -> Glob.of("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Glob.of("[abc")).hasMessageContaining("[");
        assertThatThrownBy(() -> Glob.of("{a,b")).hasMessageContaining("{");
        assertThatThrownBy(() -> Glob.of("a}")).hasMessageContaining("}");
    }
}
