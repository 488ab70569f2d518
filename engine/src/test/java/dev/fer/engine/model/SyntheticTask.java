package dev.fer.engine.model;

import java.util.Random;

/**
 * A small image task a tiny CNN must solve: 12x12 one-channel images with a bright 3x3 blob in one
 * of four quadrants (the class), on noise.
 */
final class SyntheticTask {
    static final int SIZE = 12;
    static final int CLASSES = 4;
    final float[] images;
    final int[] labels;
    final int count;

    SyntheticTask(int count, long seed) {
        this.count = count;
        Random random = new Random(seed);
        images = new float[count * SIZE * SIZE];
        labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = random.nextInt(CLASSES);
            labels[n] = label;
            int y0 = (label / 2) * 6 + random.nextInt(4);
            int x0 = (label % 2) * 6 + random.nextInt(4);
            for (int i = 0; i < SIZE * SIZE; i++) {
                images[n * SIZE * SIZE + i] = (float) (random.nextGaussian() * 0.3);
            }
            for (int dy = 0; dy < 3; dy++) {
                for (int dx = 0; dx < 3; dx++) {
                    images[n * SIZE * SIZE + (y0 + dy) * SIZE + x0 + dx] += 1.5f;
                }
            }
        }
    }

    float accuracy(Sequential model) {
        float[] probs = new float[count * CLASSES];
        model.predict(images, count, probs);
        int right = 0;
        for (int n = 0; n < count; n++) {
            int best = 0;
            for (int j = 1; j < CLASSES; j++) {
                if (probs[n * CLASSES + j] > probs[n * CLASSES + best]) {
                    best = j;
                }
            }
            right += best == labels[n] ? 1 : 0;
        }
        return (float) right / count;
    }
}
