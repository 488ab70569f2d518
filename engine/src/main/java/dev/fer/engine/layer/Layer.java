package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One layer. Usable inside a {@code Sequential} model or standalone in a hand-built graph:
 * {@code build} it once with its input shape, then call {@code forward} (and {@code backward} for
 * training) as often as wanted.
 *
 * <p>Buffers: {@code forward} returns a tensor owned by the layer (reused on the next call, so
 * copy it if you need it after the next forward). {@code backward} must follow the forward it
 * belongs to; it accumulates into the parameter gradients and returns the gradient with respect
 * to the input (owned by the layer), or null when {@link #inputGradient(boolean)} was turned off.
 *
 * <p>To add a layer kind: implement this interface (or extend {@link BaseLayer}) and register
 * a factory with {@link LayerRegistry#register} so model files can name it.
 */
public interface Layer {

    /** Allocates and initializes parameters for this input shape; returns the output shape. */
    Shape build(Shape input, Random init);

    Shape inputShape();

    Shape outputShape();

    Tensor forward(Tensor x, Context ctx);

    Tensor backward(Tensor gradOutput, Context ctx);

    /** Parameters and saved state, in a fixed order (the model file order). */
    default List<Param> params() {
        return List.of();
    }

    /** Whether backward must compute the input gradient (off for a model's first layer). */
    default void inputGradient(boolean needed) {}

    /**
     * A copy for another thread: same kind, settings and input, the same parameter objects (so
     * weight updates and versions are shared), but its own buffers, so that several threads can
     * run inference on different images at once. Null if this layer cannot be copied; a model
     * then runs inference on one copy only.
     */
    default Layer replica() {
        return null;
    }

    /** The kind written to model files, e.g. "Conv2D". */
    String kind();

    /** The constructor settings written to model files (values parse back with {@link LayerConfig}). */
    Map<String, String> config();
}
