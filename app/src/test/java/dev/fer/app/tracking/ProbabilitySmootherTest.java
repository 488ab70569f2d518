package dev.fer.app.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Smoothing on synthetic probability sequences. */
class ProbabilitySmootherTest {
    private static final int HAPPY = 3;
    private static final int NEUTRAL = 4;

    private static float[] peaked(int cls, float p) {
        float[] v = new float[7];
        java.util.Arrays.fill(v, (1 - p) / 6);
        v[cls] = p;
        return v;
    }

    private static int argmax(float[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    @Test
    void aFlickeringLabelIsSteadiedAndStillSumsToOne() {
        ProbabilitySmoother smoother = new ProbabilitySmoother(0.3);
        Random rnd = new Random(42);
        int rawChanges = 0;
        int smoothChanges = 0;
        int lastRaw = -1;
        int lastSmooth = -1;
        // a happy face whose raw prediction dips to neutral on 30% of the frames, 30 fps for 4 s
        for (int f = 0; f < 120; f++) {
            float[] p = rnd.nextDouble() < 0.3 ? peaked(NEUTRAL, 0.5f) : peaked(HAPPY, 0.7f);
            int raw = argmax(p);
            smoother.smooth(1, f / 30.0, p);
            int smooth = argmax(p);
            if (f > 0) {
                rawChanges += raw != lastRaw ? 1 : 0;
                smoothChanges += smooth != lastSmooth ? 1 : 0;
            }
            lastRaw = raw;
            lastSmooth = smooth;
            float sum = 0;
            for (float v : p) {
                sum += v;
            }
            assertEquals(1f, sum, 1e-4f);
        }
        assertTrue(rawChanges > 30, "the synthetic input flickers: " + rawChanges);
        assertEquals(0, smoothChanges, "smoothed label changes");
        assertEquals(HAPPY, lastSmooth);
    }

    @Test
    void aRealChangeComesThroughWithinAboutOneSecond() {
        ProbabilitySmoother smoother = new ProbabilitySmoother(0.3);
        double t = 0;
        for (int f = 0; f < 30; f++, t += 1 / 30.0) {
            smoother.smooth(7, t, peaked(HAPPY, 0.9f));
        }
        int framesUntilSwitch = -1;
        for (int f = 0; f < 60; f++, t += 1 / 30.0) {
            float[] p = peaked(NEUTRAL, 0.9f);
            smoother.smooth(7, t, p);
            if (argmax(p) == NEUTRAL) {
                framesUntilSwitch = f;
                break;
            }
        }
        assertTrue(framesUntilSwitch >= 1 && framesUntilSwitch <= 30, "switched after " + framesUntilSwitch + " frames");
    }

    @Test
    void theSameTimeConstantGivesTheSameResponseAtAnyFrameRate() {
        float[] at10 = respondAfterOneStep(10);
        float[] at60 = respondAfterOneStep(60);
        assertArrayEquals(at10, at60, 0.02f);
    }

    private static float[] respondAfterOneStep(int fps) {
        ProbabilitySmoother s = new ProbabilitySmoother(0.25);
        s.smooth(1, 0, peaked(HAPPY, 1f));
        float[] p = null;
        for (int f = 1; f <= fps / 5; f++) { // 0.2 s of neutral
            p = peaked(NEUTRAL, 1f);
            s.smooth(1, f / (double) fps, p);
        }
        return p;
    }

    @Test
    void tracksAreIndependentAndRetainDropsEndedOnes() {
        ProbabilitySmoother s = new ProbabilitySmoother(0.3);
        s.smooth(1, 0, peaked(HAPPY, 1f));
        s.smooth(2, 0, peaked(NEUTRAL, 1f));
        float[] one = peaked(HAPPY, 1f);
        s.smooth(1, 0.1, one);
        assertEquals(1f, one[HAPPY], 1e-6f, "track 2 must not leak into track 1");
        s.retain(new int[] {1});
        float[] two = peaked(HAPPY, 1f);
        s.smooth(2, 0.2, two);
        assertEquals(1f, two[HAPPY], 1e-6f, "track 2 was dropped, so its first new frame is taken as is");
    }
}
