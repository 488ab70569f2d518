package dev.fer.app.pipeline;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.trainer.data.FaceImages;
import dev.fer.trainer.model.EmotionClassifier;

/**
 * Cuts a face out of a gray frame the way FER2013's faces were framed and resizes it to the
 * classifier's 48x48 input with the trainer's own resampling ({@link FaceImages#resizeSquare}), so
 * live faces look to the model like the faces it learned from.
 *
 * <p>FER2013's crops are square and show a little more than the cascade's box (some hair, the
 * chin), so the crop is the box's square grown by {@link #MARGIN} of its side on every edge. Where
 * that square would leave the frame it is moved back inside (a face at the edge keeps its scale),
 * and shrunk only when the frame itself is smaller.
 *
 * <p>With alignment, for a box that carries eye positions (BlazeFace's keypoints), the same square
 * is first read rotated about its centre so that the eyes are level, as FER2013's faces mostly
 * are: the square's pixels are sampled bilinearly along the eye line's axes (pixels beyond the
 * frame repeat its edge), then resized to 48x48 as above. Boxes without eyes (the Haar cascade's)
 * are cropped as they are.
 */
public final class FaceCropper {
    private FaceCropper() {}

    /** Side of the classifier's input. */
    public static final int SIZE = EmotionClassifier.FACE_SIZE;
    /** Extra border on each side, as a fraction of the face box's larger side. */
    public static final double MARGIN = 0.10;

    /**
     * The square {@code {x, y, side}} that {@link #crop} reads for {@code box}: inside the frame,
     * centred on the box where the frame allows.
     */
    public static int[] cropSquare(int frameWidth, int frameHeight, FaceBox box) {
        int side = (int) Math.round(Math.max(box.width(), box.height()) * (1 + 2 * MARGIN));
        side = Math.max(1, Math.min(side, Math.min(frameWidth, frameHeight)));
        int x = (int) Math.round(box.x() + box.width() / 2.0 - side / 2.0);
        int y = (int) Math.round(box.y() + box.height() / 2.0 - side / 2.0);
        x = Math.clamp(x, 0, frameWidth - side);
        y = Math.clamp(y, 0, frameHeight - side);
        return new int[] {x, y, side};
    }

    /** The 48x48 gray face for {@code box}, not rotated. */
    public static byte[] crop(GrayImage frame, FaceBox box) {
        return crop(frame, box, false);
    }

    /** The 48x48 gray face for {@code box}; with {@code align}, eyes level where the box has them. */
    public static byte[] crop(GrayImage frame, FaceBox box, boolean align) {
        if (frame.width() == 0 || frame.height() == 0) {
            throw new IllegalArgumentException("cannot crop a face from an empty frame");
        }
        int[] sq = cropSquare(frame.width(), frame.height(), box);
        double angle = align ? eyeAngle(box) : Double.NaN;
        if (Double.isNaN(angle)) {
            return FaceImages.resizeSquare(frame, sq[0], sq[1], sq[2], SIZE);
        }
        return FaceImages.resizeSquare(rotatedSquare(frame, sq, angle), 0, 0, sq[2], SIZE);
    }

    /**
     * The angle in radians from the image's x axis to the line from the face's right eye (on the
     * image's left) to its left eye, y pointing down; NaN when the box has no eye positions.
     */
    public static double eyeAngle(FaceBox box) {
        float[] k = box.keypoints();
        if (k.length < 4) {
            return Double.NaN;
        }
        double dx = k[2] - k[0];
        double dy = k[3] - k[1];
        return dx == 0 && dy == 0 ? Double.NaN : Math.atan2(dy, dx);
    }

    /**
     * The crop square {@code {x, y, side}} of {@code frame} turned by {@code angle} about its
     * centre: pixel (u, v) of the result is the frame at the centre plus the offset of (u, v) from
     * the result's centre rotated by {@code angle}, so a line at {@code angle} in the frame comes
     * out level.
     */
    static GrayImage rotatedSquare(GrayImage frame, int[] sq, double angle) {
        int side = sq[2];
        double cx = sq[0] + side / 2.0;
        double cy = sq[1] + side / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        byte[] out = new byte[side * side];
        for (int v = 0; v < side; v++) {
            double dy = v + 0.5 - side / 2.0;
            for (int u = 0; u < side; u++) {
                double dx = u + 0.5 - side / 2.0;
                // pixel centres at +0.5: the source position in pixel-index coordinates
                double x = cx + dx * cos - dy * sin - 0.5;
                double y = cy + dx * sin + dy * cos - 0.5;
                out[v * side + u] = (byte) Math.round(bilinear(frame, x, y));
            }
        }
        return new GrayImage(side, side, out);
    }

    /** The frame at (x, y) in pixel-index coordinates, bilinear; beyond the frame its edge repeats. */
    private static double bilinear(GrayImage f, double x, double y) {
        x = Math.clamp(x, 0, f.width() - 1);
        y = Math.clamp(y, 0, f.height() - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, f.width() - 1);
        int y1 = Math.min(y0 + 1, f.height() - 1);
        double ax = x - x0;
        double ay = y - y0;
        byte[] p = f.pixels();
        int w = f.width();
        double top = (p[y0 * w + x0] & 0xFF) * (1 - ax) + (p[y0 * w + x1] & 0xFF) * ax;
        double bottom = (p[y1 * w + x0] & 0xFF) * (1 - ax) + (p[y1 * w + x1] & 0xFF) * ax;
        return top * (1 - ay) + bottom * ay;
    }
}
