package dev.fer.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.blazeface.BlazeFaceVariant;
import org.junit.jupiter.api.Test;

class FaceDetectorsTest {

    @Test
    void createsEachDetectorByName() {
        assertEquals("haar", FaceDetectors.create("haar").name());
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE), "BlazeFace models not packaged");
        FaceDetector full = FaceDetectors.create("BlazeFace");
        assertEquals("blazeface", full.name());
        assertEquals(BlazeFaceVariant.FULL_RANGE, ((BlazeFaceDetector) full).variant());
        FaceDetector shortRange = FaceDetectors.create("blazeface", FaceDetectors.Options.DEFAULT.withBlazefaceModel("short"));
        assertEquals(BlazeFaceVariant.SHORT_RANGE, ((BlazeFaceDetector) shortRange).variant());
    }

    @Test
    void unknownNamesAndMissingFilesAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceDetectors.create("yolo"));
        assertTrue(e.getMessage().contains("yolo") && e.getMessage().contains("haar, blazeface"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FaceDetectors.create("blazeface",
                FaceDetectors.Options.DEFAULT.withBlazefaceModel("/no/such/model.tflite")));
        assertTrue(e.getMessage().contains("/no/such/model.tflite"), e.getMessage());
    }
}
