package dev.fer.trainer.augment;

/**
 * How strongly to perturb each training face. The geometric parts are one affine map sampled per
 * face and applied with bilinear interpolation (border pixels repeat), so they cost one pass.
 *
 * @param rotationDegrees    uniform rotation in [-r, r]
 * @param zoom               uniform scale in [1 - z, 1 + z]
 * @param shift              uniform translation in [-s, s] of the face size, per axis
 * @param flip               mirror left-right with probability 1/2 (expressions are symmetric enough)
 * @param cropMinSide        random crop: a square of side in [c, 1] of the face, anywhere inside it,
 *                           is enlarged back to 48x48 (1 = no crop)
 * @param erasingProbability random erasing: with this probability one rectangle (2%..20% of the
 *                           area, aspect 0.3..3.3) is filled with noise, so no single region decides
 */
public record Augmentation(float rotationDegrees, float zoom, float shift, boolean flip, float cropMinSide,
                           float erasingProbability) {
    /** No change at all (validation, evaluation). */
    public static final Augmentation NONE = new Augmentation(0, 0, 0, false, 1, 0);

    /** The seeds' four (rotation 10, zoom 0.1, shift 0.1, flip) plus crop and erasing. */
    public static final Augmentation STANDARD = new Augmentation(10, 0.1f, 0.1f, true, 0.85f, 0.5f);

    public boolean isNone() {
        return rotationDegrees == 0 && zoom == 0 && shift == 0 && !flip && cropMinSide >= 1 && erasingProbability == 0;
    }
}
