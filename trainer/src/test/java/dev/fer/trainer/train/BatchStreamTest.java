package dev.fer.trainer.train;

import dev.fer.trainer.augment.Augmentation;
import dev.fer.trainer.augment.Augmenter;
import dev.fer.trainer.data.FaceSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BatchStreamTest {
    private static FaceSet faces(int n) {
        byte[] pixels = new byte[n * FaceSet.FACE_PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * FaceSet.FACE_PIXELS, (i + 1) * FaceSet.FACE_PIXELS, (byte) i);
            labels[i] = (byte) (i % 7);
        }
        return new FaceSet(pixels, labels);
    }

    private static List<float[]> epoch(FaceSet set, int workers, long seed, long epoch) {
        List<float[]> batches = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            int[] order = Seeds.permutation(set.size(), seed, epoch);
            var stream = new BatchStream(set, order, 8, true, new Augmenter(Augmentation.STANDARD), seed, epoch, pool, 3);
            while (stream.hasNext()) {
                var b = stream.next();
                batches.add(Arrays.copyOf(b.inputs, b.count * FaceSet.FACE_PIXELS));
            }
        }
        return batches;
    }

    @Test
    void batchesFollowTheOrderAndDropALoneLastFace() {
        FaceSet set = faces(17);
        int[] order = Seeds.permutation(17, 5, 0);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            var stream = new BatchStream(set, order, 8, true, new Augmenter(Augmentation.NONE), 5, 0, pool, 2);
            assertEquals(2, stream.batches(), "16 faces in two batches, the 17th alone is dropped");
            for (int b = 0; b < 2; b++) {
                var batch = stream.next();
                assertEquals(8, batch.count);
                for (int i = 0; i < 8; i++) {
                    int face = order[b * 8 + i];
                    assertEquals(face % 7, batch.labels[i]);
                    assertEquals(dev.fer.trainer.model.EmotionClassifier.normalize(face),
                            batch.inputs[i * FaceSet.FACE_PIXELS + 100], 1e-6f);
                }
            }
        }
    }

    @Test
    void augmentedBatchesDependOnSeedAndEpochOnlyNotOnThreads() {
        FaceSet set = faces(40);
        List<float[]> one = epoch(set, 1, 7, 3);
        List<float[]> three = epoch(set, 3, 7, 3);
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), three.get(i));
        }
        assertNotEquals(Arrays.toString(one.get(0)), Arrays.toString(epoch(set, 1, 7, 4).get(0)));
    }

    @Test
    void permutationsAreShufflesThatDifferPerEpoch() {
        int[] a = Seeds.permutation(100, 1, 0);
        int[] b = Seeds.permutation(100, 1, 1);
        assertArrayEquals(a, Seeds.permutation(100, 1, 0));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    }
}
