package dev.fer.trainer.train;

import dev.fer.trainer.augment.Augmenter;
import dev.fer.trainer.data.FaceSet;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Batches of model input in a given order, prepared (decoded from bytes, augmented, normalized) on
 * background threads while the model trains on the previous batch. A fixed ring of buffers is
 * reused: batch {@code i}'s buffer is refilled only once the caller has asked for batch {@code i+1},
 * so nothing is allocated per batch.
 * <p>Batch contents depend only on (order, seed, epoch): face at position {@code p} of the epoch
 * gets the augmentation stream {@code Seeds.random(seed, AUGMENT, epoch, p)}.
 */
public final class BatchStream {
    /** One batch: {@code count} faces as {@code count*48*48} floats, their class indices and their indices in the face set. */
    public static final class Batch {
        public final float[] inputs;
        public final int[] labels;
        public final int[] faces;
        public int count;
        public int index;

        Batch(int capacity) {
            inputs = new float[capacity * FaceSet.FACE_PIXELS];
            labels = new int[capacity];
            faces = new int[capacity];
        }
    }

    private final FaceSet faces;
    private final int[] order;
    private final int batchSize;
    private final Augmenter augmenter;
    private final long seed;
    private final long epoch;
    private final ExecutorService workers;
    private final Batch[] ring;
    private final ArrayDeque<CompletableFuture<Batch>> pending = new ArrayDeque<>();
    private final int batches;
    private int submitted;
    private int delivered;

    /**
     * @param prefetch   batches prepared ahead of the one being consumed
     */
    public BatchStream(FaceSet faces, int[] order, int batchSize, boolean dropSmallLast, Augmenter augmenter,
                       long seed, long epoch, ExecutorService workers, int prefetch) {
        this.faces = faces;
        this.order = order;
        this.batchSize = batchSize;
        this.augmenter = augmenter;
        this.seed = seed;
        this.epoch = epoch;
        this.workers = workers;
        int full = order.length / batchSize;
        int rest = order.length % batchSize;
        // a batch of one face has no batch statistics worth normalizing by
        this.batches = full + (rest > (dropSmallLast ? 1 : 0) ? 1 : 0);
        this.ring = new Batch[Math.max(1, prefetch) + 1];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Batch(batchSize);
        }
        while (submitted < batches && submitted - delivered < ring.length - 1) {
            submitNext();
        }
    }

    public int batches() {
        return batches;
    }

    public boolean hasNext() {
        return delivered < batches;
    }

    /** The next batch; the one returned before it must no longer be in use. */
    public Batch next() {
        if (submitted < batches) {
            submitNext();
        }
        delivered++;
        return pending.removeFirst().join();
    }

    private void submitNext() {
        int index = submitted++;
        Batch batch = ring[index % ring.length];
        pending.addLast(CompletableFuture.supplyAsync(() -> fill(batch, index), workers));
    }

    private Batch fill(Batch batch, int index) {
        int start = index * batchSize;
        int count = Math.min(batchSize, order.length - start);
        byte[] pixels = faces.pixels();
        byte[] labels = faces.labels();
        for (int i = 0; i < count; i++) {
            int position = start + i;
            int face = order[position];
            augmenter.apply(pixels, face, batch.inputs, i * FaceSet.FACE_PIXELS,
                    Seeds.random(seed, Seeds.AUGMENT, epoch, position));
            batch.labels[i] = labels[face];
            batch.faces[i] = face;
        }
        batch.count = count;
        batch.index = index;
        return batch;
    }
}
