package io.sftpsync.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingSorterTest {

    /** A key to sort by and a sequence number that shows which of two equal keys came first. */
    record Item(String key, int seq) {
    }

    static final SpillingSorter.Codec<Item> CODEC = new SpillingSorter.Codec<>() {
        @Override
        public void write(DataOutputStream out, Item item) throws IOException {
            out.writeUTF(item.key());
            out.writeInt(item.seq());
        }

        @Override
        public Item read(DataInputStream in) throws IOException {
            return new Item(in.readUTF(), in.readInt());
        }
    };

    static final Comparator<Item> BY_KEY = Comparator.comparing(Item::key);

    @TempDir
    Path dir;

    @Test
    void aSortThatFitsInMemoryWritesNothing() throws IOException {
        SpillingSorter<Item> sorter = sorter(3);
        List<Item> items = items("c", "a", "b");
        for (Item item : items) {
            sorter.add(item);
        }

        assertThat(sorter.spilled()).isFalse();
        assertThat(drain(sorter.sorted())).extracting(Item::key).containsExactly("a", "b", "c");
        assertThat(dir.resolve("spill")).doesNotExist();
    }

    @Test
    void spillsRunsOwnerOnlyAndMergesThemInOrderKeepingDuplicatesInTheirOrder() throws IOException {
        List<Item> items = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            items.add(new Item("k" + random.nextInt(300), i));
        }
        SpillingSorter<Item> sorter = sorter(7);
        for (Item item : items) {
            sorter.add(item);
        }

        assertThat(sorter.spilled()).isTrue();
        assertThat(runs()).isNotEmpty().allSatisfy(run -> assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("spill"))))
                .isEqualTo("rwx------");
        // 1,000 items at 7 a run are 143 runs: more than one merge takes, so some were merged on the way.
        SortedEntries<Item> sorted = sorter.sorted();
        assertThat(runs().size()).isLessThan(SpillingSorter.FAN_IN);
        List<Item> result = drain(sorted);

        // A stable sort: equal keys in the order they were added.
        assertThat(result).containsExactlyElementsOf(items.stream().sorted(BY_KEY).toList());
        assertThat(runs()).as("runs read to their end are removed").isEmpty();
    }

    @Test
    void aTinyMemorySortsOneItemARun() throws IOException {
        SpillingSorter<Item> sorter = sorter(1);
        for (Item item : items("b", "b", "a", "c", "a")) {
            sorter.add(item);
        }

        assertThat(drain(sorter.sorted())).extracting(Item::key, Item::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", 2), org.assertj.core.groups.Tuple.tuple("a", 4),
                org.assertj.core.groups.Tuple.tuple("b", 0), org.assertj.core.groups.Tuple.tuple("b", 1),
                org.assertj.core.groups.Tuple.tuple("c", 3));
        assertThat(runs()).isEmpty();
    }

    @Test
    void closingAMergeHalfWayRemovesItsRuns() throws IOException {
        SpillingSorter<Item> sorter = sorter(2);
        for (Item item : items("e", "d", "c", "b", "a")) {
            sorter.add(item);
        }
        SortedEntries<Item> sorted = sorter.sorted();
        assertThat(sorted.next().key()).isEqualTo("a");
        assertThat(runs()).as("the run that held only a is done and gone").hasSize(2);

        sorted.close();

        assertThat(runs()).isEmpty();
        assertThat(sorted.hasNext()).isFalse();
    }

    @Test
    void aSortGivenUpBeforeItsEndRemovesItsRuns() throws IOException {
        SpillingSorter<Item> sorter = sorter(2);
        for (Item item : items("e", "d", "c", "b", "a")) {
            sorter.add(item);
        }
        assertThat(runs()).hasSize(2);

        sorter.close();

        assertThat(runs()).isEmpty();
    }

    @Test
    void aRunThatCannotBeReadBackIsAnUncheckedErrorNotASilentlyShortListing() throws IOException {
        SpillingSorter<Item> sorter = sorter(3_000);
        for (int i = 0; i < 7_000; i++) {
            sorter.add(new Item("a key of some thirty characters " + (i * 7_919 % 7_000), i));
        }
        SortedEntries<Item> sorted = sorter.sorted();
        // Cut every run (some 120 KB each) well before the part the merge has buffered so far.
        for (Path run : runs()) {
            try (var channel = java.nio.channels.FileChannel.open(run, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(40_000);
            }
        }

        assertThatThrownBy(() -> drain(sorted)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining(SpillingSorter.PREFIX);
        sorted.close();
        assertThat(runs()).isEmpty();
    }

    private SpillingSorter<Item> sorter(int memoryEntries) {
        return new SpillingSorter<>(BY_KEY, CODEC, memoryEntries, dir.resolve("spill"));
    }

    private static List<Item> items(String... keys) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            items.add(new Item(keys[i], i));
        }
        return items;
    }

    private static List<Item> drain(SortedEntries<Item> sorted) {
        List<Item> out = new ArrayList<>();
        sorted.forEachRemaining(out::add);
        return out;
    }

    private List<Path> runs() throws IOException {
        Path spill = dir.resolve("spill");
        if (!Files.isDirectory(spill)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spill)) {
            return files.filter(f -> f.getFileName().toString().startsWith(SpillingSorter.PREFIX)).toList();
        }
    }
}
