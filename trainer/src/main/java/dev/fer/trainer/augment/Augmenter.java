package dev.fer.trainer.augment;

import dev.fer.trainer.model.EmotionClassifier;

import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to one 48x48 gray face and writes the model's input floats
 * (normalized by {@link EmotionClassifier#normalize}). All randomness comes from the generator
 * passed in, so a face's augmentation depends only on its seed, not on which thread runs it.
 */
public final class Augmenter {
    private static final int SIZE = EmotionClassifier.FACE_SIZE;
    private static final float CENTER = (SIZE - 1) / 2f;

    private final Augmentation settings;

    public Augmenter(Augmentation settings) {
        this.settings = settings;
    }

    public Augmentation settings() {
        return settings;
    }

    /**
     * @param faces     48*48 bytes per face
     * @param faceIndex which face of {@code faces}
     * @param dst       receives 48*48 normalized floats at {@code dstOffset}
     */
    public void apply(byte[] faces, int faceIndex, float[] dst, int dstOffset, SplittableRandom rng) {
        if (settings.isNone()) {
            EmotionClassifier.toInput(faces, faceIndex, dst, dstOffset);
            return;
        }
        warp(faces, faceIndex * SIZE * SIZE, dst, dstOffset, rng);
        if (settings.erasingProbability() > 0 && rng.nextFloat() < settings.erasingProbability()) {
            erase(dst, dstOffset, rng);
        }
    }

    /** Output pixel p maps back to source q = C + A^-1 (crop(p) - C - t), then mirrored if flipped. */
    private void warp(byte[] faces, int src, float[] dst, int dstOffset, SplittableRandom rng) {
        double angle = Math.toRadians(uniform(rng, settings.rotationDegrees()));
        double scale = 1 + uniform(rng, settings.zoom());
        double tx = uniform(rng, settings.shift()) * SIZE;
        double ty = uniform(rng, settings.shift()) * SIZE;
        boolean flip = settings.flip() && rng.nextBoolean();
        double side = settings.cropMinSide() >= 1 ? 1 : settings.cropMinSide() + rng.nextDouble() * (1 - settings.cropMinSide());
        double cropX = rng.nextDouble() * (1 - side) * SIZE;
        double cropY = rng.nextDouble() * (1 - side) * SIZE;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double px = cropX + x * side - CENTER - tx;
                double py = cropY + y * side - CENTER - ty;
                double qx = CENTER + cos * px + sin * py;
                double qy = CENTER - sin * px + cos * py;
                if (flip) {
                    qx = SIZE - 1 - qx;
                }
                dst[dstOffset + y * SIZE + x] = EmotionClassifier.normalize(sample(faces, src, qx, qy));
            }
        }
    }

    /** Bilinear sample with the border repeated outside the face. */
    private static float sample(byte[] faces, int src, double x, double y) {
        x = Math.clamp(x, 0, SIZE - 1);
        y = Math.clamp(y, 0, SIZE - 1);
        int x0 = Math.min((int) x, SIZE - 2);
        int y0 = Math.min((int) y, SIZE - 2);
        double fx = x - x0;
        double fy = y - y0;
        int i = src + y0 * SIZE + x0;
        double top = (faces[i] & 0xFF) * (1 - fx) + (faces[i + 1] & 0xFF) * fx;
        double bottom = (faces[i + SIZE] & 0xFF) * (1 - fx) + (faces[i + SIZE + 1] & 0xFF) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static void erase(float[] dst, int dstOffset, SplittableRandom rng) {
        double area = (0.02 + rng.nextDouble() * 0.18) * SIZE * SIZE;
        double aspect = Math.exp(Math.log(0.3) + rng.nextDouble() * (Math.log(3.3) - Math.log(0.3)));
        int h = (int) Math.min(SIZE, Math.round(Math.sqrt(area * aspect)));
        int w = (int) Math.min(SIZE, Math.round(Math.sqrt(area / aspect)));
        int top = rng.nextInt(SIZE - h + 1);
        int left = rng.nextInt(SIZE - w + 1);
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                dst[dstOffset + y * SIZE + x] = EmotionClassifier.normalize(rng.nextInt(256));
            }
        }
    }

    private static double uniform(SplittableRandom rng, double range) {
        return range == 0 ? 0 : (rng.nextDouble() * 2 - 1) * range;
    }
}
