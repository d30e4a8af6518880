package io.sftpsync.large.copy.split;

import java.util.List;
import java.util.Objects;

/**
 * What a finished {@link SplitCopy} wrote.
 *
 * @param bytes    bytes of the source, now in the parts
 * @param sha256   hex SHA-256 of the whole source content
 * @param parts    the parts in order
 * @param manifest relative path of the manifest, {@code <name>.manifest.json} next to the parts
 */
public record SplitOutcome(long bytes, String sha256, List<Part> parts, String manifest) {

    public SplitOutcome {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(manifest, "manifest");
        parts = List.copyOf(parts);
    }

    /**
     * One part at the sink, as the manifest lists it.
     *
     * @param name   file name, e.g. {@code name.part0001}, in the directory of the manifest
     * @param size   bytes in the part
     * @param sha256 hex SHA-256 of the part
     */
    public record Part(String name, long size, String sha256) {
    }
}
