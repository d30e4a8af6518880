package io.sftpsync.core.paths;

/**
 * The one rule for paths that travel between services: '/'-separated, relative to a base path, with no
 * empty, "." or ".." component and no NUL. Anything else could escape the base path at the sink.
 */
public final class RelativePath {

    private RelativePath() {
    }

    /**
     * Checks a relative path.
     *
     * @param path the path as carried on an event
     * @return the same path
     * @throws IllegalArgumentException naming the problem, when the path could escape the base path
     */
    public static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("path is absolute: " + printable(path));
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path contains NUL: " + printable(path));
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("path has an empty, '.' or '..' component: " + printable(path));
            }
        }
        return path;
    }

    /**
     * Checks one name from a directory listing before it is joined to a path.
     *
     * @throws IllegalArgumentException when the name is not a single safe component
     */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unsafe file name in listing: " + printable(name));
        }
        return name;
    }

    /** Joins a relative path to a base directory. */
    public static String resolve(String baseDir, String relative) {
        if (baseDir.isEmpty() || baseDir.equals(".")) {
            return relative;
        }
        return baseDir.endsWith("/") ? baseDir + relative : baseDir + "/" + relative;
    }

    /** The parent of a relative path, or "" for a top-level entry. */
    public static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** The last component of a path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path with control characters escaped, for logs and error messages. */
    public static String printable(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
