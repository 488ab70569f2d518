package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fer.detector.FaceBox;
import dev.fer.detector.RectGrouping;
import dev.fer.detector.RectList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RectGroupingTest {
    @Test
    void similarRectanglesBecomeTheirRoundedAverageWithTheirCount() {
        RectList r = new RectList();
        r.add(100, 100, 50, 50);
        r.add(102, 101, 50, 50);
        r.add(104, 99, 52, 52);
        r.add(300, 300, 40, 40); // alone: below the threshold
        List<FaceBox> g = RectGrouping.group(r, 2, 0.2);
        assertEquals(1, g.size());
        FaceBox b = g.getFirst();
        // 306/3 = 102, 300/3 = 100, 152/3 = 50.67 -> 51
        assertEquals(List.of(102, 100, 51, 51), List.of(b.x(), b.y(), b.width(), b.height()));
        assertEquals(3, b.score());
    }

    @Test
    void chainsOfSimilarRectanglesJoinTransitively() {
        RectList r = new RectList();
        for (int i = 0; i < 6; i++) {
            r.add(100 + 8 * i, 100, 50, 50); // neighbours 8 apart (delta 10), ends 40 apart
        }
        List<FaceBox> g = RectGrouping.group(r, 3, 0.2);
        assertEquals(1, g.size());
        assertEquals(6, g.getFirst().score());
        assertEquals(120, g.getFirst().x());
    }

    @Test
    void aWeakSmallClusterInsideAStrongBigOneIsDropped() {
        RectList r = new RectList();
        for (int i = 0; i < 8; i++) {
            r.add(100, 100, 200, 200);
        }
        for (int i = 0; i < 3; i++) {
            r.add(150, 150, 60, 60);
        }
        List<FaceBox> g = RectGrouping.group(r, 2, 0.2);
        assertEquals(1, g.size());
        assertEquals(200, g.getFirst().width());
        // with only 3 big ones (not more than max(3, n1)) the small cluster stays
        RectList r2 = new RectList();
        for (int i = 0; i < 3; i++) {
            r2.add(100, 100, 200, 200);
            r2.add(150, 150, 60, 60);
        }
        assertEquals(2, RectGrouping.group(r2, 2, 0.2).size());
    }

    @Test
    void thresholdZeroReturnsEveryRectangle() {
        RectList r = new RectList();
        r.add(1, 2, 3, 4);
        r.add(1, 2, 3, 4);
        assertEquals(2, RectGrouping.group(r, 0, 0.2).size());
    }

    @Test
    void averagesRoundHalfToEvenAsOpenCvsSaturateCast() {
        RectList r = new RectList();
        r.add(10, 10, 50, 50);
        r.add(11, 13, 51, 51);
        // x 21/2 = 10.5 -> 10, y 23/2 = 11.5 -> 12, w 101/2 = 50.5 -> 50
        FaceBox b = RectGrouping.group(r, 1, 0.2).getFirst();
        assertEquals(List.of(10, 12, 50, 50), List.of(b.x(), b.y(), b.width(), b.height()));
    }
}
