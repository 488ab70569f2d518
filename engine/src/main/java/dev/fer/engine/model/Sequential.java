package dev.fer.engine.model;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.WinogradConvolution;
import dev.fer.engine.layer.BatchNorm;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.DepthwiseConv2D;
import dev.fer.engine.layer.Dropout;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.layer.LayerConfig;
import dev.fer.engine.layer.LayerRegistry;
import dev.fer.engine.layer.MaxPool2D;
import dev.fer.engine.layer.Param;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.loss.SoftmaxCrossEntropy;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stack of layers trained with softmax cross-entropy, read like Keras:
 * <pre>{@code
 * Sequential model = new Sequential(Shape.of(1, 48, 48))
 *         .add(new Conv2D(32, 3).padding(Padding.SAME)).add(new BatchNorm()).add(new ReLU())
 *         .add(new Flatten()).add(new Dense(7));
 * model.seed(42).threads(2);
 * Adam adam = new Adam(model.params(), 1e-3f);
 * float loss = model.trainStep(images, labels, batch);  adam.step();
 * model.predict(images, batch, probabilities);
 * }</pre>
 * The last layer outputs logits; {@link #predict} applies the softmax. A model is not thread-safe:
 * one model per thread (it parallelizes internally over its {@link #threads} pool).
 */
public final class Sequential implements AutoCloseable {
    private final Shape input;
    private final List<Layer> layers = new ArrayList<>();
    private long seed;
    private int threads = 1;
    private Kernels kernels = Kernels.best();
    private SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private boolean built;
    private Workers workers = Workers.single();
    private Context context;
    private List<Param> params;
    private Tensor inputView;
    private float[] gradient;
    private Tensor gradientTensor;
    /** Batched inference by images (null until first needed, or when a layer cannot be replicated). */
    private ImageParallelInference byImages;
    private boolean byImagesTried;

    public Sequential(Shape input) {
        this.input = input;
    }

    public Sequential add(Layer layer) {
        if (built) {
            throw new IllegalStateException("model already built: add layers before the first use");
        }
        layers.add(layer);
        return this;
    }

    /** Seed of weight initialization and dropout (default 0). */
    public Sequential seed(long seed) {
        if (built) {
            throw new IllegalStateException("set the seed before the first use");
        }
        this.seed = seed;
        return this;
    }

    /** Threads for every forward/backward pass (default 1). */
    public Sequential threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (threads != this.threads) {
            workers.close();
            this.threads = threads;
            workers = Workers.of(threads);
            context = null;
            dropImageParallel();
        }
        return this;
    }

    public int threads() {
        return threads;
    }

    /** Kernels to run (default {@link Kernels#best()}; tests compare against {@link Kernels#scalar()}). */
    public Sequential kernels(Kernels kernels) {
        this.kernels = kernels;
        context = null;
        dropImageParallel();
        return this;
    }

    /**
     * Sets the inference algorithm of every Conv2D that it fits: FFT and AUTO stride-1 layers,
     * WINOGRAD 3x3 stride-1 layers; the others keep theirs.
     */
    public Sequential convAlgorithm(ConvAlgorithm algorithm) {
        for (Layer layer : layers) {
            if (layer instanceof Conv2D conv && fits(conv, algorithm)) {
                conv.algorithm(algorithm);
            }
        }
        dropImageParallel();
        return this;
    }

    private static boolean fits(Conv2D conv, ConvAlgorithm algorithm) {
        return switch (algorithm) {
            case GEMM, DEFAULT -> true;
            case FFT, AUTO -> conv.stride() == 1;
            case WINOGRAD, WINOGRAD_4X4 -> WinogradConvolution.supports(conv.kernelHeight(), conv.kernelWidth(), conv.stride());
        };
    }

    public Sequential loss(SoftmaxCrossEntropy loss) {
        this.loss = loss;
        return this;
    }

    /** Builds every layer (He init from the seed); done automatically on first use. */
    public Sequential build() {
        if (!built) {
            if (layers.isEmpty()) {
                throw new IllegalStateException("model has no layers");
            }
            Random random = new Random(seed);
            Shape s = input;
            for (Layer layer : layers) {
                s = layer.build(s, random);
            }
            layers.getFirst().inputGradient(false);
            List<Param> all = new ArrayList<>();
            for (Layer layer : layers) {
                all.addAll(layer.params());
            }
            params = Collections.unmodifiableList(all);
            built = true;
        }
        return this;
    }

    private Context context(boolean training) {
        build();
        if (context == null) {
            context = new Context(training, workers, kernels, seed ^ 0x5DEECE66DL);
        }
        context.training(training);
        return context;
    }

    public Shape inputShape() {
        return input;
    }

    public Shape outputShape() {
        build();
        return layers.getLast().outputShape();
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** All parameters and state, in layer order (the model file order). */
    public List<Param> params() {
        build();
        return params;
    }

    public long parameterCount() {
        return params().stream().filter(Param::trainable).mapToLong(Param::size).sum();
    }

    /**
     * Runs the layers; returns the logits tensor (owned by the model, reused by the next call).
     * Inference on a batch of at least two images and at least one per thread runs image-parallel
     * (see {@link ImageParallelInference}); a smaller batch splits each layer across the threads.
     */
    public Tensor forward(Tensor x, boolean training) {
        Context ctx = context(training);
        if (!x.shape.equals(input) && x.shape.size() != input.size()) {
            throw new IllegalArgumentException("model input is " + input + ", got " + x.shape);
        }
        if (!training && x.batch >= Math.max(2, threads)) {
            ImageParallelInference runner = imageParallel();
            if (runner != null) {
                return runner.forward(x, workers);
            }
        }
        return run(layers, x, ctx);
    }

    /** The layers one after another, each layer-ReLU pair that {@link #fusesRelu} names run as one. */
    static Tensor run(List<Layer> layers, Tensor x, Context ctx) {
        Tensor t = x;
        for (int i = 0; i < layers.size(); i++) {
            if (fusesReluAndPool(layers, i, ctx)) {
                t = ((Conv2D) layers.get(i)).forwardWithReluAndPool(t, ctx);
                i += 2;
            } else if (fusesRelu(layers, i, ctx.training())) {
                t = forwardWithRelu(layers.get(i), t, ctx);
                i++;
            } else {
                t = layers.get(i).forward(t, ctx);
            }
        }
        return t;
    }

    /**
     * Whether inference runs layer i (a convolution), the ReLU and the 2x2 max-pool after it as one
     * pass (see {@link Conv2D#poolsInOutput}); W1's and fer-net's F(4x4) blocks do.
     */
    public static boolean fusesReluAndPool(List<Layer> layers, int i, Context ctx) {
        return i + 2 < layers.size() && layers.get(i) instanceof Conv2D conv && layers.get(i + 1) instanceof ReLU
                && layers.get(i + 2) instanceof MaxPool2D pool && pool.halves() && conv.poolsInOutput(ctx);
    }

    /** Layer i and the ReLU after it in one call (only for pairs that {@link #fusesRelu} names). */
    public static Tensor forwardWithRelu(Layer layer, Tensor x, Context ctx) {
        return layer instanceof BatchNorm bn ? bn.forwardWithRelu(x, ctx) : ((Conv2D) layer).forwardWithRelu(x, ctx);
    }

    private ImageParallelInference imageParallel() {
        if (!byImagesTried) {
            byImages = ImageParallelInference.of(layers, threads, kernels, input);
            byImagesTried = true;
        }
        return byImages;
    }

    /** Replicas follow the thread count, kernels and convolution algorithms: made again when those change. */
    private void dropImageParallel() {
        byImages = null;
        byImagesTried = false;
    }

    /**
     * Whether layer i runs together with the ReLU after it, which is then skipped forward and
     * backward: a batch norm always (training and inference; the backward pass gates the gradient
     * itself), a convolution in inference (its output written once, as ONNX Runtime fuses
     * Conv+Relu). Either saves whole passes over the activations.
     */
    public static boolean fusesRelu(List<Layer> layers, int i, boolean training) {
        if (i + 1 >= layers.size() || !(layers.get(i + 1) instanceof ReLU)) {
            return false;
        }
        Layer layer = layers.get(i);
        return layer instanceof BatchNorm || (!training && layer instanceof Conv2D);
    }

    private Tensor wrap(float[] x, int batch) {
        if (x.length < batch * input.size()) {
            throw new IllegalArgumentException("input holds " + x.length + " floats, batch " + batch + " of " + input
                    + " needs " + batch * input.size());
        }
        if (inputView == null) {
            inputView = new Tensor(input, batch, x);
        }
        inputView.data = x;
        inputView.batch = batch;
        return inputView;
    }

    /**
     * One training step on {@code batch} samples (NHWC floats, integer class labels): zeroes the
     * gradients, runs forward in training mode, the loss (plus L2 terms), and backward. Returns the
     * mean loss; then call the optimizer's {@code step()}.
     */
    public float trainStep(float[] x, int[] labels, int batch) {
        return trainStep(x, labels, null, batch);
    }

    /**
     * {@link #trainStep(float[], int[], int)} with soft targets: a distribution over the classes
     * per sample ({@code batch x classes}; mixup's blends, a teacher's probabilities).
     */
    public float trainStep(float[] x, float[] targets, int batch) {
        return trainStep(x, null, targets, batch);
    }

    /** The step, against the labels or else the targets. */
    private float trainStep(float[] x, int[] labels, float[] targets, int batch) {
        Context ctx = context(true);
        for (Param p : params) {
            if (p.trainable()) {
                Arrays.fill(p.grad, 0f);
            }
        }
        Tensor logits = forward(wrap(x, batch), true);
        int classes = logits.shape.size();
        gradient = gradient != null && gradient.length >= batch * classes ? gradient : new float[batch * classes];
        float value = labels != null ? loss.lossAndGradient(logits.data, batch, classes, labels, gradient)
                : loss.lossAndGradient(logits.data, batch, classes, targets, gradient);
        if (gradientTensor == null || gradientTensor.data != gradient) {
            gradientTensor = new Tensor(logits.shape, batch, gradient);
        }
        gradientTensor.batch = batch;
        Tensor g = gradientTensor;
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (i > 0 && fusesRelu(layers, i - 1, true)) {
                continue; // the ReLU ran inside the layer before it, whose backward gates the gradient
            }
            g = layers.get(i).backward(g, ctx);
        }
        for (Param p : params) {
            float l2 = p.l2();
            if (l2 > 0f) {
                double sum = 0;
                float[] w = p.value;
                float[] gr = p.grad;
                for (int i = 0; i < w.length; i++) {
                    sum += w[i] * w[i];
                    gr[i] += 2f * l2 * w[i];
                }
                value += (float) (l2 * sum);
            }
        }
        return value;
    }

    /** Mean loss of a batch in inference mode (no gradients, no L2 term). */
    public float evaluateLoss(float[] x, int[] labels, int batch) {
        Tensor logits = forward(wrap(x, batch), false);
        return loss.lossAndGradient(logits.data, batch, logits.shape.size(), labels, null);
    }

    /** Class probabilities of {@code batch} samples into {@code probsOut} (batch x classes), inference mode. */
    public void predict(float[] x, int batch, float[] probsOut) {
        Tensor logits = forward(wrap(x, batch), false);
        int classes = logits.shape.size();
        if (probsOut.length < batch * classes) {
            throw new IllegalArgumentException("probsOut holds " + probsOut.length + " floats, needs " + batch * classes);
        }
        SoftmaxCrossEntropy.softmax(logits.data, batch, classes, probsOut);
    }

    /**
     * An inference copy of this model: each BatchNorm folded into the convolution before it (the
     * convolution's kernel scaled per output channel, its bias shifted) and Dropout removed.
     * Outputs match {@link #predict} up to float rounding.
     */
    public Sequential foldedForInference() {
        build();
        Sequential folded = new Sequential(input).seed(seed).threads(threads).kernels(kernels).loss(loss);
        List<Layer> source = new ArrayList<>(layers);
        List<float[][]> values = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            Layer layer = source.get(i);
            if (layer instanceof Dropout) {
                continue;
            }
            Layer next = i + 1 < source.size() ? source.get(i + 1) : null;
            if (layer instanceof Conv2D conv && next instanceof BatchNorm bn) {
                Map<String, String> config = new java.util.LinkedHashMap<>(conv.config());
                config.put("bias", "true");
                folded.add(Conv2D.fromConfig(new LayerConfig("Conv2D", config)));
                values.add(foldConv(conv, bn));
                i++;
            } else if (layer instanceof DepthwiseConv2D dw && next instanceof BatchNorm bn) {
                Map<String, String> config = new java.util.LinkedHashMap<>(dw.config());
                config.put("bias", "true");
                folded.add(DepthwiseConv2D.fromConfig(new LayerConfig("DepthwiseConv2D", config)));
                values.add(foldDepthwise(dw, bn));
                i++;
            } else {
                folded.add(LayerRegistry.create(layer.kind(), new LayerConfig(layer.kind(), layer.config())));
                values.add(layer.params().stream().map(p -> p.value.clone()).toArray(float[][]::new));
            }
        }
        folded.build();
        for (int i = 0; i < folded.layers.size(); i++) {
            List<Param> ps = folded.layers.get(i).params();
            float[][] v = values.get(i);
            for (int j = 0; j < ps.size(); j++) {
                System.arraycopy(v[j], 0, ps.get(j).value, 0, v[j].length);
                ps.get(j).changed();
            }
        }
        return folded;
    }

    private static float[][] foldConv(Conv2D conv, BatchNorm bn) {
        int co = conv.filters();
        float[] scale = new float[co];
        float[] shift = new float[co];
        bn.inferenceAffine(scale, shift);
        float[] w = conv.weight().value.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale[i % co];
        }
        float[] b = new float[co];
        for (int c = 0; c < co; c++) {
            float bias = conv.biasParam() == null ? 0f : conv.biasParam().value[c];
            b[c] = bias * scale[c] + shift[c];
        }
        return new float[][] {w, b};
    }

    private static float[][] foldDepthwise(DepthwiseConv2D dw, BatchNorm bn) {
        int ch = dw.outputShape().channels();
        float[] scale = new float[ch];
        float[] shift = new float[ch];
        bn.inferenceAffine(scale, shift);
        float[] w = dw.weight().value.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale[i % ch];
        }
        float[] b = new float[ch];
        for (int c = 0; c < ch; c++) {
            float bias = dw.biasParam() == null ? 0f : dw.biasParam().value[c];
            b[c] = bias * scale[c] + shift[c];
        }
        return new float[][] {w, b};
    }

    /** Saves architecture and weights atomically (see {@link ModelFile}). */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /** Loads a model saved by {@link #save}; bad files fail with {@link ModelFileException}. */
    public static Sequential load(Path file) throws IOException {
        return ModelFile.load(file);
    }

    /** One line per layer: kind, settings, output shape, parameter count. */
    public String summary() {
        build();
        StringBuilder sb = new StringBuilder("input ").append(input).append('\n');
        for (Layer layer : layers) {
            long count = layer.params().stream().filter(Param::trainable).mapToLong(Param::size).sum();
            sb.append(String.format("%-22s %-14s %10d  %s%n", layer.kind(), layer.outputShape(), count,
                    LayerConfig.format(layer.config())));
        }
        sb.append("trainable parameters: ").append(parameterCount()).append('\n');
        return sb.toString();
    }

    @Override
    public void close() {
        workers.close();
    }
}
