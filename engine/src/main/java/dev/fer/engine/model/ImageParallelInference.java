package dev.fer.engine.model;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Inference on a batch split by images: each thread runs the whole layer stack on the images it
 * claims, two at a time, through its own replica of the layers (the same parameter objects, its
 * own buffers).
 *
 * <p>Why not split every layer's rows across the threads, as training does: that waits at a
 * barrier after every layer, and it streams each layer's whole-batch output through memory (W1's
 * second convolution writes 150 MB at batch 256). Here the threads meet once, at the end, and a
 * few images' activations stay in the core's L2 cache from one layer to the next. Results are
 * bit for bit those of the layer-by-layer pass: every kernel computes an image's outputs in the
 * same order whatever else is in the batch.
 */
final class ImageParallelInference {
    /**
     * Images per pass through the layers: enough to amortize each layer's fixed costs, few enough
     * that the largest activation of a 48x48 network (64 channels at full resolution, 0.6 MB per
     * image) stays in a 2 MB L2.
     */
    static final int IMAGES_PER_PASS = 2;

    private final List<List<Layer>> lanes;
    private final Context[] contexts;
    private final Tensor[] passInputs;
    private final Shape outputShape;
    private Tensor batchInput;
    private Tensor logits;
    private final Workers.Loop loop = this::runImages;

    private ImageParallelInference(List<List<Layer>> lanes, Kernels kernels, Shape input, Shape output) {
        this.lanes = lanes;
        this.outputShape = output;
        contexts = new Context[lanes.size()];
        passInputs = new Tensor[lanes.size()];
        for (int i = 0; i < lanes.size(); i++) {
            contexts[i] = new Context(false, Workers.single(), kernels, 0);
            passInputs[i] = new Tensor(input, IMAGES_PER_PASS);
        }
    }

    /**
     * A runner with one lane per thread, lane 0 on {@code layers} themselves; null when a layer
     * cannot be replicated.
     */
    static ImageParallelInference of(List<Layer> layers, int threads, Kernels kernels, Shape input) {
        List<List<Layer>> lanes = new ArrayList<>();
        lanes.add(layers);
        for (int t = 1; t < threads; t++) {
            List<Layer> lane = new ArrayList<>(layers.size());
            for (Layer layer : layers) {
                Layer copy = layer.replica();
                if (copy == null) {
                    return null;
                }
                lane.add(copy);
            }
            lanes.add(lane);
        }
        return new ImageParallelInference(lanes, kernels, input, layers.getLast().outputShape());
    }

    /** The logits of every image of {@code x} (a tensor owned by this runner, reused next call). */
    Tensor forward(Tensor x, Workers workers) {
        if (workers.threads() != lanes.size()) {
            throw new IllegalStateException(lanes.size() + " lanes for " + workers.threads() + " threads");
        }
        batchInput = x;
        logits = Tensor.reuse(logits, outputShape, x.batch);
        // pairs of images claimed by the threads as they come free: a stalled thread holds back one pair only
        workers.forEach(x.batch, IMAGES_PER_PASS, loop);
        batchInput = null;
        return logits;
    }

    /** Images [n0, n1) through the lane of thread {@code slot}. */
    private void runImages(int n0, int n1, int slot) {
        Tensor in = passInputs[slot];
        int inSize = in.shape.size();
        int outSize = outputShape.size();
        for (int n = n0; n < n1; n += IMAGES_PER_PASS) {
            int count = Math.min(IMAGES_PER_PASS, n1 - n);
            System.arraycopy(batchInput.data, n * inSize, in.data, 0, count * inSize);
            in.batch = count;
            Tensor out = Sequential.run(lanes.get(slot), in, contexts[slot]);
            System.arraycopy(out.data, 0, logits.data, n * outSize, count * outSize);
        }
    }
}
