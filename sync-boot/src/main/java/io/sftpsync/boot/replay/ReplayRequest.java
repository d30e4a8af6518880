package io.sftpsync.boot.replay;

import io.sftpsync.core.topics.Topics;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * The body of {@code POST /api/replay}, checked field by field so that a 400 names what is wrong.
 *
 * @param topic    the topic to read: one of this project's (a {@code .DLT} too) or a {@code replay.*} scratch topic
 * @param from     first record: an ISO instant or {@code {"partition": offset}}; absent for the beginning
 * @param to       last record (inclusive), in the same forms; absent for the end the topic had when the replay
 *                 started
 * @param pathGlob a {@code java.nio} glob matched against the record key (the relative path), e.g. {@code in/**}
 * @param target   where to publish; for {@code X.DLT} defaults to {@code X}, otherwise required
 * @param dryRun   count and sample only, publish nothing
 * @param limit    how many records the answer shows (0..100, default 10)
 */
public record ReplayRequest(String topic, Object from, Object to, String pathGlob, String target, Boolean dryRun,
        Integer limit) {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    /** What the replay does, once every field is checked. */
    record Plan(String topic, Bound from, Bound to, String glob, PathMatcher matcher, String target, boolean dryRun,
            int limit) {

        boolean matches(String key) {
            if (matcher == null) {
                return true;
            }
            try {
                return key != null && matcher.matches(Path.of(key));
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }

    Plan plan() {
        if (topic == null || topic.isBlank()) {
            throw new ReplayRefusedException("topic", "is required");
        }
        String source = topic.strip();
        if (!ReplayTopics.isOurs(source)) {
            throw new ReplayRefusedException("topic", "'" + source + "' is not a topic of sftp-sync (one of "
                    + ReplayTopics.ourNames() + ", or a " + ReplayTopics.SCRATCH_PREFIX + "* scratch topic)");
        }
        String to = target == null || target.isBlank() ? ReplayTopics.defaultTarget(source) : target.strip();
        if (to == null) {
            throw new ReplayRefusedException("target", "is required: only a " + Topics.DLT_SUFFIX
                    + " topic has a default (its original topic); name " + source + " itself to replay it in place");
        }
        if (!ReplayTopics.isOurs(to)) {
            throw new ReplayRefusedException("target", "'" + to + "' is not a topic of sftp-sync (one of its topics,"
                    + " or a " + ReplayTopics.SCRATCH_PREFIX + "* scratch topic)");
        }
        if (ReplayTopics.isJournal(to)) {
            throw new ReplayRefusedException("target", to + " is a compacted journal whose last record per path is"
                    + " state: replaying older records into it would undo newer ones");
        }
        Bound start = Bound.parse("from", from);
        Bound end = Bound.parse("to", this.to);
        checkOrder(start, end);
        int shown = limit == null ? DEFAULT_LIMIT : limit;
        if (shown < 0 || shown > MAX_LIMIT) {
            throw new ReplayRefusedException("limit", "must be between 0 and " + MAX_LIMIT + " (was " + shown + ")");
        }
        PathMatcher matcher = null;
        String glob = pathGlob == null || pathGlob.isBlank() ? null : pathGlob.strip();
        if (glob != null) {
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (PatternSyntaxException e) {
                throw new ReplayRefusedException("pathGlob", "is not a glob: " + e.getDescription());
            }
        }
        return new Plan(source, start, end, glob, matcher, to, Boolean.TRUE.equals(dryRun), shown);
    }

    private static void checkOrder(Bound start, Bound end) {
        if (start instanceof Bound.AtTime(var a) && end instanceof Bound.AtTime(var b) && a.isAfter(b)) {
            throw new ReplayRefusedException("from", a + " is after to " + b);
        }
        if (start instanceof Bound.AtOffsets(Map<Integer, Long> a) && end instanceof Bound.AtOffsets(var b)) {
            a.forEach((partition, offset) -> {
                Long last = b.get(partition);
                if (last != null && offset > last) {
                    throw new ReplayRefusedException("from", "offset " + offset + " of partition " + partition
                            + " is after to's " + last);
                }
            });
        }
    }
}
