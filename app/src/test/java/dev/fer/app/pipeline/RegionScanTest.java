package dev.fer.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.app.cli.DetectorOptions;
import dev.fer.app.support.TestData;
import dev.fer.app.support.TestModels;
import dev.fer.capture.image.ImageFiles;
import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Region scans find the faces a full scan finds, in a still scene and in a moving one. */
class RegionScanTest {

    @Test
    void aStillSceneKeepsItsFacesAndTracksBetweenFullScans() throws Exception {
        BufferedImage photo = ImageFiles.read(TestData.face(TestData.TWO_FACES));
        HaarCascadeDetector haar = DetectorOptions.detector(DetectorOptions.LIVE);
        List<FaceBox> full = haar.detect(GrayImage.of(photo));
        assertEquals(2, full.size());
        FrameAnalyzer analyzer = new FrameAnalyzer(haar, TestModels.classifier());
        analyzer.setRegionScans(true);
        List<Face> first = analyzer.analyze(photo, 0);
        for (int f = 1; f < FrameAnalyzer.FULL_SCAN_EVERY * 2; f++) {
            List<Face> faces = analyzer.analyze(photo, f / 30.0);
            assertEquals(2, faces.size(), "frame " + f);
            for (Face face : faces) {
                assertTrue(full.stream().anyMatch(b -> b.iou(face.box()) > 0.8), "frame " + f + ": " + face.box());
                assertTrue(first.stream().anyMatch(a -> a.trackId() == face.trackId()), "track kept");
            }
        }
    }

    @Test
    void aFaceThatMovesIsFollowedByTheRegionScan() throws Exception {
        BufferedImage photo = ImageFiles.read(TestData.face(TestData.ONE_FACE_640x480));
        HaarCascadeDetector haar = DetectorOptions.detector(DetectorOptions.LIVE);
        List<FaceBox> still = haar.detect(GrayImage.of(photo));
        assertEquals(1, still.size());
        FaceBox face = still.getFirst();
        // the picture slides right 6 px per frame: the face stays within its region
        GrayImage start = GrayImage.of(photo);
        List<FaceBox> found = new RegionScanner(haar).scan(shifted(start, 6), List.of(face));
        assertEquals(1, found.size());
        FaceBox moved = new FaceBox(face.x() + 6, face.y(), face.width(), face.height(), 0);
        assertTrue(found.getFirst().iou(moved) > 0.8, found.getFirst() + " vs " + moved);
    }

    private static GrayImage shifted(GrayImage g, int dx) {
        byte[] px = new byte[g.pixels().length];
        for (int y = 0; y < g.height(); y++) {
            System.arraycopy(g.pixels(), y * g.width(), px, y * g.width() + dx, g.width() - dx);
        }
        return new GrayImage(g.width(), g.height(), px);
    }
}
