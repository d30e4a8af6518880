package io.sftpsync.scanner.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftpsync.core.listing.RemoteFile;
import io.sftpsync.core.listing.RemoteWalker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListingMergeTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pairsEverySourceFileWithItsSinkTwinOrNull() {
        List<RemoteFile> source = sorted("a/b", "a-b", "b", "c/d/e", "z");
        List<RemoteFile> sink = sorted("a/a", "a/b", "b0", "c/d/e", "sink-only");
        List<String> pairs = new ArrayList<>();
        ListingMerge.merge(source.iterator(), sink.iterator(), RemoteWalker.PATH_ORDER,
                (s, d) -> pairs.add(s.path() + "=" + (d == null ? "-" : d.path())));
        assertThat(pairs).containsExactly("a/b=a/b", "a-b=-", "b=-", "c/d/e=c/d/e", "z=-");
    }

    @Test
    void passesEverySinkOnlyFileInOrderAmongThePairsIncludingThoseAfterTheLastSourceFile() {
        List<RemoteFile> source = sorted("a/b", "a-b", "c/d/e");
        List<RemoteFile> sink = sorted("a/a", "a/b", "a-a", "b0", "c/d/e", "x/y", "z");
        List<String> seen = new ArrayList<>();
        ListingMerge.merge(source.iterator(), sink.iterator(), RemoteWalker.PATH_ORDER,
                (s, d) -> seen.add(s.path() + "=" + (d == null ? "-" : d.path())), d -> seen.add("only " + d.path()));
        assertThat(seen).containsExactly("only a/a", "a/b=a/b", "only a-a", "a-b=-", "only b0", "c/d/e=c/d/e",
                "only x/y", "only z");
    }

    @Test
    void emptySidesWork() {
        List<String> pairs = new ArrayList<>();
        ListingMerge.merge(sorted("x", "y").iterator(), List.<RemoteFile>of().iterator(), RemoteWalker.PATH_ORDER,
                (s, d) -> pairs.add(s.path() + (d == null ? "" : "!")));
        ListingMerge.merge(List.<RemoteFile>of().iterator(), sorted("x").iterator(), RemoteWalker.PATH_ORDER,
                (s, d) -> pairs.add("never"));
        assertThat(pairs).containsExactly("x", "y");
    }

    @Test
    void componentOrderDiffersFromPlainStringOrder() {
        // "a/b" sorts before "a-b" by component ('a' < 'a-b'), though '-' < '/' as characters.
        assertThat(RemoteWalker.PATH_ORDER.compare("a/b", "a-b")).isNegative();
        assertThat("a/b".compareTo("a-b")).isPositive();
    }

    private static List<RemoteFile> sorted(String... paths) {
        return Stream.of(paths).sorted(RemoteWalker.PATH_ORDER).map(p -> new RemoteFile(p, 1, T)).toList();
    }
}
