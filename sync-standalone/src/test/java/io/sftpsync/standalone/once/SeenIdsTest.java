package io.sftpsync.standalone.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void anIdIsAddedOnceAndFoundAfterwards() {
        SeenIds ids = new SeenIds();
        UUID a = UUID.randomUUID();

        assertThat(ids.contains(a)).isFalse();
        assertThat(ids.add(a)).isTrue();
        assertThat(ids.add(a)).isFalse();
        assertThat(ids.add(new UUID(a.getMostSignificantBits(), a.getLeastSignificantBits()))).isFalse();
        assertThat(ids.contains(a)).isTrue();
        assertThat(ids.contains(UUID.randomUUID())).isFalse();
        assertThat(ids.size()).isEqualTo(1);
    }

    @Test
    void itGrowsKeepingEveryIdAndStaysAtMostThreeQuartersFull() {
        SeenIds ids = new SeenIds();
        assertThat(ids.capacity()).isEqualTo(16);
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            UUID id = UUID.randomUUID();
            added.add(id);
            assertThat(ids.add(id)).isTrue();
        }

        assertThat(ids.size()).isEqualTo(100_000);
        assertThat(ids.capacity()).isEqualTo(1 << 18);
        assertThat(added).allMatch(ids::contains);
        assertThat(added).noneMatch(ids::add);
        assertThat(ids.size()).isEqualTo(100_000);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.contains(new UUID(random.nextLong(), random.nextLong()))).isFalse();
        }
    }

    @Test
    void idsSharingAHomeSlotProbeOnAndSurviveAGrowth() {
        // Ids that all start probing at slot 5 of a 16-slot table, found by trying.
        List<UUID> colliding = new ArrayList<>();
        for (long lo = 1; colliding.size() < 12; lo++) {
            if (SeenIds.home(42, lo, 15) == 5) {
                colliding.add(new UUID(42, lo));
            }
        }
        SeenIds ids = new SeenIds();
        colliding.forEach(id -> assertThat(ids.add(id)).isTrue());
        assertThat(ids.capacity()).isEqualTo(16);
        assertThat(colliding).allMatch(ids::contains);
        assertThat(ids.contains(new UUID(42, 0))).isFalse();

        // The 13th id makes the table grow past three quarters full; every colliding id is still found.
        UUID more = UUID.randomUUID();
        assertThat(ids.add(more)).isTrue();
        assertThat(ids.capacity()).isEqualTo(32);
        assertThat(colliding).allMatch(ids::contains).noneMatch(ids::add);
        assertThat(ids.contains(more)).isTrue();
        assertThat(ids.size()).isEqualTo(13);
    }

    @Test
    void sequentialIdsAndIdsWithAZeroHalfAreSpreadAndKept() {
        SeenIds ids = new SeenIds();
        Set<UUID> expected = new HashSet<>();
        for (long i = 1; i <= 5_000; i++) {
            expected.add(new UUID(0, i));
            expected.add(new UUID(i, 0));
            expected.add(new UUID(i, i));
        }
        expected.forEach(ids::add);

        assertThat(ids.size()).isEqualTo(expected.size());
        assertThat(expected).allMatch(ids::contains);
    }

    @Test
    void theNilUuidIsAnIdLikeAnyOther() {
        SeenIds ids = new SeenIds();
        UUID nil = new UUID(0, 0);

        assertThat(ids.contains(nil)).isFalse();
        assertThat(ids.add(nil)).isTrue();
        assertThat(ids.add(nil)).isFalse();
        assertThat(ids.contains(nil)).isTrue();
        assertThat(ids.size()).isEqualTo(1);
    }

    @Test
    void anExpectedSizeAllocatesEnoughAtOnce() {
        assertThat(new SeenIds(0).capacity()).isEqualTo(16);
        assertThat(new SeenIds(12).capacity()).isEqualTo(16);
        assertThat(new SeenIds(13).capacity()).isEqualTo(32);
        assertThat(new SeenIds(10_000).capacity()).isEqualTo(16_384);
        assertThatThrownBy(() -> new SeenIds(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected must be greater than or equal to 0");
    }
}
