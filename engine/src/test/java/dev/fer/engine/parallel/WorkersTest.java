package dev.fer.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void everyPartRunsOnceWithItsIndexThroughManyJobs() {
        try (Workers workers = Workers.of(3)) {
            for (int job = 0; job < 20_000; job++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(3);
                workers.run((part, parts) -> {
                    assertEquals(3, parts);
                    runs.incrementAndGet(part);
                });
                for (int p = 0; p < 3; p++) {
                    assertEquals(1, runs.get(p), "job " + job + " part " + p);
                }
            }
        }
    }

    @Test
    void forEachCoversEveryItemOnceInPiecesOfTheGrain() {
        try (Workers workers = Workers.of(2)) {
            for (int items : new int[] {1, 2, 7, 64, 1001}) {
                for (int grain : new int[] {1, 3, 64, 5000}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(items);
                    workers.forEach(items, grain, (from, to, slot) -> {
                        assertTrue(to - from <= grain && to > from, from + ".." + to);
                        assertTrue(from % grain == 0, "pieces start on the grain: " + from);
                        assertTrue(slot == 0 || slot == 1, "slot " + slot);
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < items; i++) {
                        assertEquals(1, hits.get(i), items + " items, grain " + grain + ": item " + i);
                    }
                }
            }
        }
    }

    @Test
    void noTwoPiecesShareASlotAtOnce() {
        try (Workers workers = Workers.of(4)) {
            AtomicIntegerArray busy = new AtomicIntegerArray(4);
            for (int job = 0; job < 200; job++) {
                workers.forEach(400, 1, (from, to, slot) -> {
                    assertEquals(0, busy.getAndIncrement(slot), "slot " + slot + " taken twice");
                    Thread.onSpinWait();
                    busy.decrementAndGet(slot);
                });
            }
        }
    }

    /** The point of claiming: when a worker is held up, the caller takes the parts it has not started. */
    @Test
    void theCallerTakesTheUnclaimedWorkOfAStalledWorker() throws InterruptedException {
        try (Workers workers = Workers.of(2)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicIntegerArray bySlot = new AtomicIntegerArray(2);
            Thread caller = Thread.currentThread();
            workers.forEach(50, 1, (from, to, slot) -> {
                if (Thread.currentThread() != caller) {
                    // the worker's first piece stalls until the caller has done the rest
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                } else if (bySlot.get(0) == 48) {
                    release.countDown();
                }
                bySlot.incrementAndGet(slot);
            });
            assertEquals(50, bySlot.get(0) + bySlot.get(1));
            assertTrue(bySlot.get(0) >= 49, "caller ran " + bySlot.get(0) + " of 50 pieces");
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersAndThePoolStaysUsable() {
        try (Workers workers = Workers.of(2)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> workers.run((part, parts) -> {
                runs.incrementAndGet(part);
                if (part == 1) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            assertEquals(1, runs.get(0));
            AtomicIntegerArray again = new AtomicIntegerArray(10);
            workers.forEach(10, 2, (from, to, slot) -> {
                for (int i = from; i < to; i++) {
                    again.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 10; i++) {
                assertEquals(1, again.get(i));
            }
        }
    }

    @Test
    void grainAimsAtFourPiecesPerThreadAboveTheMinimum() {
        try (Workers two = Workers.of(2)) {
            assertEquals(18, two.grain(144, 12, 96), "F(4x4) tiles of one 48x48 face: 8 pieces");
            assertEquals(72, two.grain(576, 12, 72), "capped by the chunk");
            assertEquals(18, two.grain(36, 12, 96), "too few for 4 or 2 pieces a thread: an even split");
            assertEquals(5, two.grain(9, 12, 96));
        }
        assertEquals(96, Workers.single().grain(144, 12, 96), "one thread: the largest piece");
    }

    @Test
    void balancedPiecesStartOnTheAlignmentAndCoverEveryItemOnce() {
        try (Workers two = Workers.of(2)) {
            for (int items : new int[] {1, 63, 4096, 100_003}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(items);
                AtomicIntegerArray pieces = new AtomicIntegerArray(1);
                two.forEachBalanced(items, 1000, 64, (from, to, slot) -> {
                    assertEquals(0, from % 64, "piece start " + from);
                    pieces.incrementAndGet(0);
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < items; i++) {
                    assertEquals(1, hits.get(i), items + " items: item " + i);
                }
                assertTrue(pieces.get(0) <= Math.max(1, 8), items + " items in " + pieces.get(0) + " pieces");
                if (items == 100_003) {
                    assertEquals(8, pieces.get(0), "four pieces per thread when they are long enough");
                }
            }
        }
    }

    @Test
    void oneThreadRunsOnTheCallerInOnePiece() {
        int[] calls = new int[1];
        Workers.single().forEach(100, 7, (from, to, slot) -> {
            assertEquals(0, from);
            assertEquals(100, to);
            assertEquals(0, slot);
            calls[0]++;
        });
        assertEquals(1, calls[0]);
    }
}
