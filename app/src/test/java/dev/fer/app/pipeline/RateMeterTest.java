package dev.fer.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void measuresSteadyFastAndSlowStreams() {
        RateMeter fast = new RateMeter();
        for (int i = 0; i < 100; i++) {
            fast.mark(i * 33 * MS);
        }
        assertEquals(1000.0 / 33, fast.perSecond(99 * 33 * MS), 0.01);

        RateMeter slow = new RateMeter();
        for (int i = 0; i < 4; i++) {
            slow.mark(i * 2500 * MS); // 0.4 fps
        }
        assertEquals(0.4, slow.perSecond(3 * 2500 * MS + 100 * MS), 1e-9);
    }

    @Test
    void aStalledStreamReadsZeroAndTooFewEventsToo() {
        RateMeter m = new RateMeter();
        m.mark(0);
        assertEquals(0, m.perSecond(10 * MS));
        m.mark(33 * MS);
        assertEquals(1000.0 / 33, m.perSecond(40 * MS), 0.01);
        assertEquals(0, m.perSecond(33 * MS + RateMeter.STALL_NANOS + 1));
        m.reset();
        assertEquals(0, m.perSecond(40 * MS));
    }
}
