package io.sftpsync.core.paths;

import java.util.regex.Pattern;

/**
 * A glob over relative paths. {@code *} and {@code ?} stay within one path component, {@code **} crosses
 * directories, {@code [abc]} and {@code {a,b}} work as in a shell. A pattern without '/' is matched
 * against the file name at any depth ({@code *.tmp}); one with '/' against the whole relative path.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;
    private final boolean nameOnly;

    private Glob(String pattern) {
        this.pattern = pattern;
        String body = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        this.nameOnly = !pattern.contains("/");
        this.regex = Pattern.compile(toRegex(body), Pattern.DOTALL);
    }

    /**
     * Compiles a glob.
     *
     * @param pattern the glob
     * @return the matcher
     * @throws IllegalArgumentException for an empty pattern or unbalanced brackets or braces
     */
    public static Glob of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
        return new Glob(pattern);
    }

    /** True when the relative path matches. */
    public boolean matches(String relativePath) {
        String subject = nameOnly ? RelativePath.name(relativePath) : relativePath;
        return regex.matcher(subject).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        // "**/" also matches no directory at all, so "**/x" matches "x".
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed '[' in glob " + glob);
                    }
                    String set = glob.substring(i + 1, end);
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    }
                    re.append('[').append(set.replace("\\", "\\\\")).append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("unbalanced '}' in glob " + glob);
                    }
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("unclosed '{' in glob " + glob);
        }
        return re.toString();
    }
}
