package dev.fer.bench.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timing helpers of the workloads runner. */
class TimingTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, MedianTimer.median(new double[] {3, 1, 2}));
        assertEquals(2.5, MedianTimer.median(new double[] {4, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> MedianTimer.median(new double[0]));
    }

    @Test
    void timerRepeatsAtLeastMinRepsAndAtMostMaxReps() {
        MedianTimer timer = new MedianTimer(false, 0, 0);
        int[] calls = {0};
        var t = timer.time(() -> calls[0]++, new MedianTimer.Plan(3, 5, 0, 8));
        assertEquals(3 + 5, calls[0], "3 warm-up calls and 5 timed ones (no time budget)");
        assertEquals(5, t.reps());
        calls[0] = 0;
        t = timer.time(() -> calls[0]++, new MedianTimer.Plan(0, 1, 60, 8));
        assertEquals(8, t.reps(), "the time budget is capped by maxReps");
        assertTrue(t.medianSeconds() >= 0);
    }

    @Test
    void busySecondsOfAProcStatLine() {
        // user nice system idle iowait irq softirq steal: busy = user+nice+system+irq+softirq
        assertEquals((100 + 2 + 30 + 4 + 5) / 100.0,
                ForeignLoad.busySeconds("cpu  100 2 30 9000 7 4 5 0 0 0"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ForeignLoad.busySeconds("cpu0 1 2 3 4 5 6 7"));
    }

    @Test
    void stealSecondsOfAProcStatLine() {
        // the 8th counter; a kernel line without it is refused, not read as zero
        assertEquals(14733.17, ForeignLoad.stealSeconds("cpu  12372658 175362 303083 2654675 10307 0 23267 1473317 0 0"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ForeignLoad.stealSeconds("cpu  1 2 3 4 5 6 7"));
    }

    @Test
    void threadListsAreParsedAndChecked() {
        assertEquals(List.of(1, 2), WorkloadsCommand.parseThreads("1, 2"));
        assertThrows(IllegalArgumentException.class, () -> WorkloadsCommand.parseThreads("0"));
        assertEquals(1, WorkloadsCommand.defaultThreads().getFirst());
    }
}
