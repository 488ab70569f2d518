package dev.fer.app.pipeline;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the faces of a live stream with less than a full scan per frame: a face seen in the last
 * frame is looked for again only in the region around it and only at sizes near its own. Most of
 * a full scan's work goes to places and sizes where no face is; a face moves little from one frame
 * to the next. New faces are found by the full scans the caller still runs every few frames.
 */
final class RegionScanner {
    /** The region around a face, as a multiple of its side: room for movement between frames. */
    static final double REGION = 1.7;
    /** Sizes scanned: from the face's side divided by this to the side multiplied by it. */
    static final double SIZE_RANGE = 1.25;
    /** Face sides are rounded to powers of this, so a few detectors serve every size. */
    static final double SIZE_STEP = 1.1;
    /** Boxes from overlapping regions with more overlap than this are the same face. */
    static final double SAME_FACE_IOU = 0.5;

    private final HaarCascadeDetector full;
    /** One detector per rounded face size, each on every core, made once. */
    private final Map<Integer, HaarCascadeDetector> bySize = new HashMap<>();

    /** Scans with {@code full}'s cascade and parameters, restricted to each region's sizes. */
    RegionScanner(HaarCascadeDetector full) {
        this.full = full;
    }

    HaarCascadeDetector full() {
        return full;
    }

    /** The faces near {@code previous} in {@code frame}. */
    List<FaceBox> scan(GrayImage frame, List<FaceBox> previous) {
        List<FaceBox> found = new ArrayList<>();
        DetectionParams p = full.params();
        for (FaceBox face : previous) {
            int bucket = (int) Math.round(Math.log(Math.max(face.width(), face.height())) / Math.log(SIZE_STEP));
            int side = (int) Math.round(Math.pow(SIZE_STEP, bucket));
            int region = (int) Math.round(side * REGION);
            int x0 = Math.clamp(face.x() + face.width() / 2 - region / 2, 0, Math.max(0, frame.width() - 1));
            int y0 = Math.clamp(face.y() + face.height() / 2 - region / 2, 0, Math.max(0, frame.height() - 1));
            int w = Math.min(region, frame.width() - x0);
            int h = Math.min(region, frame.height() - y0);
            int minSize = Math.max(p.minSize(), (int) (side / SIZE_RANGE));
            int maxSize = (int) Math.ceil(side * SIZE_RANGE);
            if (p.maxSize() > 0) {
                maxSize = Math.min(maxSize, p.maxSize());
            }
            if (w < minSize || h < minSize || maxSize < minSize) {
                continue;
            }
            int min = minSize;
            int max = maxSize;
            HaarCascadeDetector near = bySize.computeIfAbsent(bucket, k -> new HaarCascadeDetector(full.cascade(),
                    new DetectionParams(p.scaleFactor(), p.minNeighbors(), min, max)));
            for (FaceBox b : near.detect(crop(frame, x0, y0, w, h))) {
                add(found, new FaceBox(b.x() + x0, b.y() + y0, b.width(), b.height(), b.score(), b.keypoints()));
            }
        }
        return found;
    }

    /** Adds {@code box} unless a box of the same face (from an overlapping region) is there. */
    private static void add(List<FaceBox> found, FaceBox box) {
        for (FaceBox f : found) {
            if (f.iou(box) > SAME_FACE_IOU) {
                return;
            }
        }
        found.add(box);
    }

    private static GrayImage crop(GrayImage frame, int x0, int y0, int w, int h) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(frame.pixels(), (y0 + y) * frame.width() + x0, px, y * w, w);
        }
        return new GrayImage(w, h, px);
    }
}
