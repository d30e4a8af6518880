package io.sftpsync.boot.page;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tab of the operator page. A module contributes a view by declaring a bean of this type; the page shell
 * adds a tab and loads {@code script}, an ES module that registers the view with {@code registerView(id, ...)}
 * from {@code /ui/app.js}.
 *
 * @param id     lower-case letters, digits and dashes, starting with a letter: the tab's and panel's id and the
 *               page's URL fragment ({@code /#approvals})
 * @param title  the tab's label
 * @param script an absolute path on this server, e.g. {@code /ui/approvals.js} (a module serves it from its
 *               classpath {@code ui/} folder); never another origin
 */
public record PageView(String id, String title, String script) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern SCRIPT = Pattern.compile("/(?!/)[A-Za-z0-9._~/-]*\\.m?js");

    public PageView {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(script, "script must not be null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 40 lower-case letters, digits or dashes starting"
                    + " with a letter, was '" + id + "'");
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank (view '" + id + "')");
        }
        if (!SCRIPT.matcher(script).matches() || script.contains("/../") || script.contains("/./")) {
            throw new IllegalArgumentException("script must be an absolute path on this server ending in .js,"
                    + " such as /ui/" + id + ".js (no scheme, host, query or '..'), was '" + script + "'");
        }
    }
}
