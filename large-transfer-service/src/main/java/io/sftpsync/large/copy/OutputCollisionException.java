package io.sftpsync.large.copy;

/**
 * A strategy's output name is the name of a real source file in the same directory ({@code x.gz},
 * {@code x.part0001}, {@code x.manifest.json}): writing it would overwrite that file's copy at the sink, and the
 * scanner would then see the two as one. Refused, never retried.
 */
public final class OutputCollisionException extends RuntimeException {

    public OutputCollisionException(String message) {
        super(message);
    }
}
