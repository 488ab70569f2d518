package dev.fer.app.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fer.detector.FaceBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker on synthetic sequences: faces that move, cross, vanish and come back. */
class IouTrackerTest {

    private static FaceBox box(int x, int y, int side) {
        return new FaceBox(x, y, side, side, 10);
    }

    @Test
    void twoFacesMovingSlowlyKeepTheirIdsWhateverTheDetectionOrder() {
        IouTracker tracker = new IouTracker();
        int[] first = tracker.update(List.of(box(100, 100, 80), box(400, 120, 90)));
        assertNotEquals(first[0], first[1]);
        for (int t = 1; t <= 30; t++) {
            // the detector reports them in alternating order; each drifts 3 px per frame
            List<FaceBox> boxes = new ArrayList<>(List.of(box(100 + 3 * t, 100, 80), box(400 - 3 * t, 120 + t, 90)));
            boolean swapped = t % 2 == 1;
            if (swapped) {
                boxes = List.of(boxes.get(1), boxes.get(0));
            }
            int[] ids = tracker.update(boxes);
            assertArrayEquals(swapped ? new int[] {first[1], first[0]} : first, ids, "frame " + t);
        }
    }

    @Test
    void aFaceMissedForAFewFramesKeepsItsIdButNotAfterTooMany() {
        IouTracker tracker = new IouTracker(0.3, 2);
        int id = tracker.update(List.of(box(50, 50, 100)))[0];
        tracker.update(List.of());
        tracker.update(List.of());
        assertEquals(id, tracker.update(List.of(box(52, 50, 100)))[0], "missed twice: still the same face");
        tracker.update(List.of());
        tracker.update(List.of());
        tracker.update(List.of());
        int later = tracker.update(List.of(box(52, 50, 100)))[0];
        assertNotEquals(id, later, "missed three times with maxMissed 2: a new track");
        assertArrayEquals(new int[] {later}, tracker.liveIds());
    }

    @Test
    void aJumpBeyondTheIouThresholdStartsANewTrackAndIdsAreNeverReused() {
        IouTracker tracker = new IouTracker(0.3, 0);
        int a = tracker.update(List.of(box(0, 0, 50)))[0];
        int b = tracker.update(List.of(box(300, 300, 50)))[0];
        int c = tracker.update(List.of(box(0, 0, 50)))[0];
        assertNotEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(b, c);
    }

    @Test
    void greedyMatchingGivesTheBestOverlapItsTrack() {
        IouTracker tracker = new IouTracker(0.1, 5);
        int id = tracker.update(List.of(box(100, 100, 100)))[0];
        // two candidates overlap the track; the closer one must inherit the id
        int[] ids = tracker.update(List.of(box(150, 100, 100), box(105, 100, 100)));
        assertEquals(id, ids[1]);
        assertNotEquals(id, ids[0]);
    }

    @Test
    void resetForgetsEverything() {
        IouTracker tracker = new IouTracker();
        int id = tracker.update(List.of(box(10, 10, 40)))[0];
        tracker.reset();
        assertEquals(0, tracker.liveIds().length);
        assertNotEquals(id, tracker.update(List.of(box(10, 10, 40)))[0]);
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> new IouTracker(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new IouTracker(0.5, -1));
    }
}
