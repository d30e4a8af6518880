package io.sftpsync.core.manifest;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.sftpsync.core.events.TransferStrategy;
import io.sftpsync.core.paths.RelativePath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sink holds of a file written by an approved strategy that does not give it its own name
 * ({@link TransferStrategy#SPLIT}: numbered parts, {@link TransferStrategy#COMPRESS}: {@code name.gz}), written
 * last, next to those files, as {@code name.manifest.json}. Present means complete: every file it lists is in
 * place with the size and SHA-256 it says. It is also how the scanner and a redelivered approval recognise that
 * the sink already holds a version of the source: by its size and mtime (and strategy and part size).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; 1 was written by splits before the strategy was recorded
 * @param path          the source file, relative to the base paths
 * @param strategy      how it was written (SPLIT when a version 1 manifest does not say)
 * @param size          the source's size
 * @param mtime         the source's mtime, whole seconds
 * @param partSize      bytes per part for SPLIT, else null
 * @param sha256        hex SHA-256 of the whole source content
 * @param files         the files written, in order: the parts, or the one {@code .gz}
 */
public record SinkManifest(int schemaVersion, String path, TransferStrategy strategy, long size, Instant mtime,
        Long partSize, String sha256, @JsonAlias("parts") List<Entry> files) {

    /** The version written now. */
    public static final int SCHEMA_VERSION = 2;
    /** What a manifest's name adds to the file's. */
    public static final String SUFFIX = ".manifest.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public SinkManifest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(sha256, "sha256");
        strategy = strategy == null ? TransferStrategy.SPLIT : strategy;
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * One file the strategy wrote, in the manifest's directory.
     *
     * @param name   its file name, e.g. {@code name.part0001} or {@code name.gz}
     * @param size   its bytes
     * @param sha256 hex SHA-256 of its bytes (of the gzip stream for a {@code .gz})
     */
    public record Entry(String name, long size, String sha256) {
    }

    /** A manifest of the version written now. */
    public static SinkManifest of(String path, TransferStrategy strategy, long size, Instant mtime, Long partSize,
            String sha256, List<Entry> files) {
        return new SinkManifest(SCHEMA_VERSION, path, strategy, size, mtime, partSize, sha256, files);
    }

    /** Where the manifest of a file is: {@code name.manifest.json} beside it, relative to the same base path. */
    public static String pathFor(String relativePath) {
        return relativePath + SUFFIX;
    }

    /** Whether it describes this version of the source (size, and mtime in whole seconds), by any strategy. */
    public boolean describes(long sourceSize, Instant sourceMtime) {
        return size == sourceSize && mtime.getEpochSecond() == sourceMtime.getEpochSecond();
    }

    /** Whether it records this version of the source written by this strategy with this part size. */
    public boolean describes(long sourceSize, Instant sourceMtime, TransferStrategy how, Long howPartSize) {
        return describes(sourceSize, sourceMtime) && strategy == how
                && (how != TransferStrategy.SPLIT || Objects.equals(partSize, howPartSize));
    }

    /** The file names it lists. */
    public List<String> names() {
        return files.stream().map(Entry::name).toList();
    }

    /** The manifest as UTF-8 JSON. */
    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException when the bytes are not a manifest (not JSON, a field missing, an unsafe path)
     */
    public static SinkManifest parse(byte[] json) {
        try {
            SinkManifest manifest = JSON.readValue(json, SinkManifest.class);
            if (manifest == null) {
                throw new IllegalArgumentException("not a manifest: null");
            }
            RelativePath.check(manifest.path());
            return manifest;
        } catch (JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("not a manifest: " + e.getMessage(), e);
        }
    }
}
