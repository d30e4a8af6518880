package io.sftpsync.large.copy.chunked;

import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.large.checkpoint.Checkpoint;
import io.sftpsync.large.checkpoint.TransferCheckpoint;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a transfer continues from its checkpoints: only for the same source version (size, mtime and
 * {@link SourceFingerprint}) and when the sink's temporary file still holds at least what the checkpoints say.
 */
public final class ResumeDecision {

    private ResumeDecision() {
    }

    /** What to do, and why when it is not a plain resume or fresh start. */
    public sealed interface Plan {
    }

    /** Nothing recorded: a fresh copy. */
    public record Fresh() implements Plan {
    }

    /** Continue from the checkpoint. */
    public record Resume(Checkpoint checkpoint) implements Plan {
    }

    /** The checkpoint cannot be used: drop it (and its temporary) and copy from the start. */
    public record StartOver(Checkpoint checkpoint, String reason) implements Plan {
    }

    /**
     * Decides.
     *
     * @param checkpoint      what is recorded for the path, if anything
     * @param source          the source file as it is now
     * @param fingerprint     the source's {@link SourceFingerprint} as it is now
     * @param temporaryLength the length of the checkpoint's temporary at the sink; empty when it is missing
     */
    public static Plan decide(Optional<Checkpoint> checkpoint, RemoteFile source, String fingerprint,
            OptionalLong temporaryLength) {
        if (checkpoint.isEmpty()) {
            return new Fresh();
        }
        Checkpoint c = checkpoint.get();
        TransferCheckpoint t = c.transfer();
        if (t.sourceSize() != source.size()) {
            return new StartOver(c, "the source changed since the interrupted attempt (size " + t.sourceSize()
                    + " -> " + source.size() + ")");
        }
        if (t.sourceMtime().getEpochSecond() != source.mtime().getEpochSecond()) {
            return new StartOver(c, "the source changed since the interrupted attempt (mtime " + t.sourceMtime()
                    + " -> " + source.mtime() + ")");
        }
        if (t.sourceFingerprint() == null) {
            // Recorded before fingerprints: computing one now would fingerprint today's source, not the version
            // the recorded chunks came from, so nothing tells an in-place rewrite apart.
            return new StartOver(c, "the interrupted attempt recorded no fingerprint of its source version (an "
                    + "older checkpoint), so it cannot be told from a rewrite of the same size and mtime");
        }
        if (!t.sourceFingerprint().equals(fingerprint)) {
            return new StartOver(c, "the source changed since the interrupted attempt (same size and mtime, "
                    + "other content)");
        }
        if (temporaryLength.isEmpty()) {
            return new StartOver(c, "the interrupted attempt's temporary file is gone from the sink");
        }
        if (temporaryLength.getAsLong() < c.extent()) {
            return new StartOver(c, "the interrupted attempt's temporary file holds " + temporaryLength.getAsLong()
                    + " bytes, less than the " + c.extent() + " its checkpoints record");
        }
        return new Resume(c);
    }
}
