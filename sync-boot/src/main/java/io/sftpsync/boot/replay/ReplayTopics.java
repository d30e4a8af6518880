package io.sftpsync.boot.replay;

import io.sftpsync.core.topics.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which topics a replay may read and write: this project's topics and their dead-letter topics, and scratch topics
 * named {@value #SCRATCH_PREFIX}{@code *} (created on first use), never another application's.
 */
final class ReplayTopics {

    static final String SCRATCH_PREFIX = "replay.";

    /** Compacted journals whose last record per key is state: an old record replayed into one would undo it. */
    private static final Set<String> JOURNALS = Set.of(Topics.SCAN_INFLIGHT, Topics.AUDITS);

    private static final Set<String> OURS = Stream.concat(Topics.fileTopics().stream(), Stream.of(Topics.SCANS,
                    Topics.SCAN_REQUESTS, Topics.RESULTS, Topics.PROGRESS, Topics.SCAN_INFLIGHT, Topics.APPROVALS,
                    Topics.EXTERNAL_TRANSFERS, Topics.ANOMALIES, Topics.AUDITS, Topics.FILES_SCREENING,
                    Topics.FILES_HELD))
            .flatMap(t -> Stream.of(t, Topics.deadLetter(t)))
            .collect(Collectors.toUnmodifiableSet());

    private ReplayTopics() {
    }

    static boolean isScratch(String topic) {
        return topic.startsWith(SCRATCH_PREFIX) && topic.length() > SCRATCH_PREFIX.length()
                && topic.matches("[A-Za-z0-9._-]{1,249}");
    }

    static boolean isOurs(String topic) {
        return OURS.contains(topic) || isScratch(topic);
    }

    static boolean isJournal(String topic) {
        return JOURNALS.contains(topic);
    }

    /** For {@code X.DLT} its original topic {@code X}; none for any other topic. */
    static String defaultTarget(String source) {
        if (source.endsWith(Topics.DLT_SUFFIX)) {
            return source.substring(0, source.length() - Topics.DLT_SUFFIX.length());
        }
        return null;
    }

    static List<String> ourNames() {
        return OURS.stream().sorted().toList();
    }
}
