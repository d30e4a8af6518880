package io.sftpsync.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InFlightTableTest {

    @Test
    void behavesAsAMapThroughGrowthCollisionsAndRemovals() {
        InFlightTable table = new InFlightTable();
        Map<Long, long[]> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int op = 0; op < 200_000; op++) {
            // Few distinct keys whose low bits collide often: long probe clusters, wrapping the table's end.
            long key = 1 + (random.nextInt(3_000) * 64L) + ((long) random.nextInt(4) << 40);
            if (random.nextInt(3) == 0) {
                table.remove(key);
                model.remove(key);
            } else {
                long[] value = {random.nextLong(), random.nextLong(), random.nextInt(1 << 30)};
                table.put(key, value[0], value[1], value[2]);
                model.put(key, value);
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        model.forEach((key, value) -> {
            int slot = table.find(key);
            assertThat(slot).isNotNegative();
            assertThat(new long[] {table.version(slot), table.event(slot), table.queuedAt(slot)}).isEqualTo(value);
        });
        for (int i = 0; i < 10_000; i++) {
            long absent = 2 + random.nextInt(3_000) * 64L;
            assertThat(table.find(absent)).isNegative();
        }
    }

    @Test
    void removesWhatWasQueuedBeforeASecondAndShrinks() {
        InFlightTable table = new InFlightTable();
        for (long key = 1; key <= 100_000; key++) {
            table.put(key * 0x9E3779B97F4A7C15L | 1, key, key, key < 99_000 ? 1_000 : 2_000);
        }
        int grown = table.capacity();

        assertThat(table.removeQueuedBefore(1_500)).isEqualTo(98_999);

        assertThat(table.size()).isEqualTo(1_001);
        assertThat(table.capacity()).isLessThan(grown / 8);
        for (long key = 1; key <= 100_000; key++) {
            assertThat(table.find(key * 0x9E3779B97F4A7C15L | 1) >= 0).isEqualTo(key >= 99_000);
        }
        assertThat(table.queuedAt(table.find(100_000L * 0x9E3779B97F4A7C15L | 1))).isEqualTo(2_000);
    }

    @Test
    void removalsOneByOneShrinkTheTableAndKeepTheRest() {
        InFlightTable table = new InFlightTable();
        for (long key = 1; key <= 100_000; key++) {
            table.put(key * 0x9E3779B97F4A7C15L | 1, key, key, 1_000);
        }
        int grown = table.capacity();
        assertThat(grown).isEqualTo(1 << 18);

        for (long key = 1; key <= 99_000; key++) {
            table.remove(key * 0x9E3779B97F4A7C15L | 1);
        }

        assertThat(table.size()).isEqualTo(1_000);
        assertThat(table.capacity()).isLessThanOrEqualTo(8_192).isGreaterThanOrEqualTo(1_334);
        for (long key = 1; key <= 100_000; key++) {
            int slot = table.find(key * 0x9E3779B97F4A7C15L | 1);
            assertThat(slot >= 0).isEqualTo(key > 99_000);
            if (slot >= 0) {
                assertThat(table.version(slot)).isEqualTo(key);
            }
        }
        for (long key = 1; key <= 1_000; key++) {
            table.remove(key * 0x9E3779B97F4A7C15L | 1);
            table.put(key * 0x9E3779B97F4A7C15L | 1, key, key, 1_000);
        }
        assertThat(table.size()).isEqualTo(2_000);
    }

    @Test
    void queuedSecondsAfter2038AreKept() {
        InFlightTable table = new InFlightTable();
        table.put(5, 1, 1, 4_102_444_800L);
        assertThat(table.queuedAt(table.find(5))).isEqualTo(4_102_444_800L);
    }
}
