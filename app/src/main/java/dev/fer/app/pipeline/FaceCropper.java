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

    /** The 48x48 gray face for {@code box}. */
    public static byte[] crop(GrayImage frame, FaceBox box) {
        if (frame.width() == 0 || frame.height() == 0) {
            throw new IllegalArgumentException("cannot crop a face from an empty frame");
        }
        int[] sq = cropSquare(frame.width(), frame.height(), box);
        return FaceImages.resizeSquare(frame, sq[0], sq[1], sq[2], SIZE);
    }
}
