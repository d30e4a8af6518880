package io.sftpsync.boot.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A view's id becomes an HTML id and a URL fragment, its script a same-origin path: both are checked at start. */
class PageViewTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "approvals", "large-transfers", "v2", "a-b-c-1"})
    void acceptsLowerCaseIdsStartingWithALetter(String id) {
        assertThat(new PageView(id, "Title", "/ui/x.js").id()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Approvals", "1st", "-a", "a b", "a_b", "a.b", "a\"b", "über",
        "a1234567890123456789012345678901234567890"})
    void refusesOtherIds(String id) {
        assertThatThrownBy(() -> new PageView(id, "Title", "/ui/x.js"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must be")
                .hasMessageContaining("'" + id + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/approvals.js", "/ui/approval/view.mjs", "/static/x.js", "/ui/v1.2/a_b~c.js"})
    void acceptsScriptsUnderUiOrAnyAbsolutePathOnThisServer(String script) {
        assertThat(new PageView("a", "A", script).script()).isEqualTo(script);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui/approvals.js", "https://cdn.example/a.js", "//cdn.example/a.js", "/ui/../secret.js",
        "/ui/./a.js", "/ui/a.js?v=1", "/ui/a.css", "/ui/a b.js", "/ui/a\".js", "javascript:alert(1)", "", "/"})
    void refusesOtherOriginsRelativePathsAndOddCharacters(String script) {
        assertThatThrownBy(() -> new PageView("a", "A", script))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("script must be an absolute path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void refusesABlankTitle(String title) {
        assertThatThrownBy(() -> new PageView("a", title, "/ui/a.js"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("title must not be blank (view 'a')");
    }

    @Test
    void refusesNulls() {
        assertThatNullPointerException().isThrownBy(() -> new PageView(null, "A", "/ui/a.js"))
                .withMessage("id must not be null");
        assertThatNullPointerException().isThrownBy(() -> new PageView("a", null, "/ui/a.js"))
                .withMessage("title must not be null");
        assertThatNullPointerException().isThrownBy(() -> new PageView("a", "A", null))
                .withMessage("script must not be null");
    }
}
