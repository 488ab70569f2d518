package dev.fer.engine.layer;

import dev.fer.engine.kernel.GraphKernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Zero-pads the channel axis: {@code before} zero channels, the input's channels, then zeros up to
 * {@code channels}. BlazeFace widens its residual shortcut this way (TFLite PAD on the last axis)
 * where a block has more output than input channels.
 */
public final class ChannelPad extends BaseLayer {
    private final int before;
    private final int channels;
    private Tensor x;
    private Tensor y;
    private Tensor dx;
    private GraphKernels kernels;
    private Workers.Task forwardTask;

    /**
     * @param before   zero channels put before the input's
     * @param channels channels of the output, at least {@code before} + the input's
     */
    public ChannelPad(int before, int channels) {
        if (before < 0 || channels <= before) {
            throw new IllegalArgumentException("ChannelPad needs 0 <= before < channels, got " + before + ", "
                    + channels);
        }
        this.before = before;
        this.channels = channels;
    }

    @Override
    protected Shape init(Shape input, Random random) {
        if (before + input.channels() > channels) {
            throw new IllegalArgumentException("ChannelPad to " + channels + " channels cannot hold " + before
                    + " + " + input.channels());
        }
        return Shape.of(channels, input.height(), input.width());
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        kernels = GraphKernels.matching(ctx.kernels());
        y = Tensor.reuse(y, out, input.batch);
        if (forwardTask == null) {
            forwardTask = (part, parts) -> {
                int rows = x.batch * in.height() * in.width();
                kernels.padChannels(x.data, Workers.splitStart(rows, part, parts, 1),
                        Workers.splitStart(rows, part + 1, parts, 1), in.channels(), before, channels, y.data);
            };
        }
        ctx.workers().run(forwardTask);
        return y;
    }

    /** The gradient of the kept channels; the padding had no input. */
    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != x.batch) {
            throw new IllegalStateException("ChannelPad.backward without a matching forward");
        }
        if (!needInputGradient) {
            return null;
        }
        dx = Tensor.reuse(dx, in, x.batch);
        int rows = x.batch * in.height() * in.width();
        int cin = in.channels();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(gradOut.data, r * channels + before, dx.data, r * cin, cin);
        }
        return dx;
    }

    @Override
    public String kind() {
        return "ChannelPad";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("before", Integer.toString(before), "channels", Integer.toString(channels));
    }
}
