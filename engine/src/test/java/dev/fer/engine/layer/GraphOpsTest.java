package dev.fer.engine.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Add, ChannelPad and ResizeBilinear: worked examples, threads, and the scalar/vector twins. */
class GraphOpsTest {
    private static final Context SCALAR = new Context(false, Workers.single(), Kernels.scalar(), 0);
    private static final Context BEST = Context.inference(Workers.single());

    private static Tensor tensor(Shape s, int batch, float... values) {
        Tensor t = new Tensor(s, batch);
        System.arraycopy(values, 0, t.data, 0, values.length);
        return t;
    }

    private static Tensor random(Shape s, int batch, long seed) {
        Tensor t = new Tensor(s, batch);
        Random r = new Random(seed);
        for (int i = 0; i < t.size(); i++) {
            t.data[i] = r.nextFloat() * 2 - 1;
        }
        return t;
    }

    @Test
    void addSumsAndAppliesRelu() {
        Shape s = Shape.of(3, 1, 2);
        Add add = new Add(true);
        add.build(s);
        Tensor y = add.forward(tensor(s, 1, 1, -2, 3, 4, 5, -6), tensor(s, 1, 1, 1, -4, 0, 1, 2), SCALAR);
        assertArrayEquals(new float[] {2, 0, 0, 4, 6, 0}, java.util.Arrays.copyOf(y.data, 6));
        assertThrows(IllegalArgumentException.class,
                () -> add.forward(tensor(s, 1), tensor(Shape.of(2, 1, 2), 1), SCALAR));
    }

    @Test
    void addWithANarrowShortcutIsPadThenAdd() {
        // BlazeFace's block: 28 channels out, a 24-channel shortcut zero-padded after its channels
        Shape wide = Shape.of(28, 5, 7);
        Shape narrow = Shape.of(24, 5, 7);
        Tensor a = random(wide, 2, 3);
        Tensor b = random(narrow, 2, 4);
        ChannelPad pad = new ChannelPad(0, 28);
        pad.build(narrow, new Random(0));
        Add plain = new Add(true);
        plain.build(wide);
        float[] expect = plain.forward(a, pad.forward(b, SCALAR), SCALAR).data.clone();
        for (Context ctx : new Context[] {SCALAR, BEST}) {
            Add fused = new Add(true).shortcutChannels(0, 24);
            fused.build(wide);
            assertArrayEquals(expect, java.util.Arrays.copyOf(fused.forward(a, b, ctx).data, expect.length), 0f);
        }
        try (Workers two = Workers.of(2)) {
            Add fused = new Add(true).shortcutChannels(0, 24);
            fused.build(wide);
            assertArrayEquals(expect, java.util.Arrays.copyOf(fused.forward(a, b, Context.inference(two)).data,
                    expect.length), 0f);
        }
        Add fused = new Add(false).shortcutChannels(0, 24);
        fused.build(wide);
        assertThrows(IllegalArgumentException.class, () -> fused.forward(a, a, SCALAR), "a full-width second input");
        assertThrows(IllegalArgumentException.class, () -> new Add(false).shortcutChannels(8, 24).build(wide),
                "a shortcut that does not fit");
    }

    @Test
    void addOnFourThreadsMatchesOneThreadAndScalar() {
        Shape s = Shape.of(28, 32, 32);
        Tensor a = random(s, 2, 1);
        Tensor b = random(s, 2, 2);
        Add scalar = new Add(false);
        scalar.build(s);
        float[] expect = scalar.forward(a, b, SCALAR).data.clone();
        try (Workers four = Workers.of(4)) {
            Add vector = new Add(false);
            vector.build(s);
            assertArrayEquals(expect, vector.forward(a, b, Context.inference(four)).data, 0f);
        }
    }

    @Test
    void channelPadPlacesChannelsAndRoutesGradients() {
        ChannelPad pad = new ChannelPad(1, 4);
        assertEquals(Shape.of(4, 1, 2), pad.build(Shape.of(2, 1, 2), new Random(0)));
        Tensor y = pad.forward(tensor(Shape.of(2, 1, 2), 1, 1, 2, 3, 4), BEST);
        assertArrayEquals(new float[] {0, 1, 2, 0, 0, 3, 4, 0}, java.util.Arrays.copyOf(y.data, 8));
        Tensor dx = pad.backward(tensor(Shape.of(4, 1, 2), 1, 9, 1, 2, 9, 9, 3, 4, 9), BEST);
        assertArrayEquals(new float[] {1, 2, 3, 4}, java.util.Arrays.copyOf(dx.data, 4));
        assertThrows(IllegalArgumentException.class, () -> new ChannelPad(3, 3));
    }

    @Test
    void channelPadVectorMatchesScalar() {
        Shape s = Shape.of(42, 16, 16);
        Tensor x = random(s, 1, 5);
        ChannelPad a = new ChannelPad(0, 48);
        ChannelPad b = new ChannelPad(0, 48);
        a.build(s, new Random(0));
        b.build(s, new Random(0));
        assertArrayEquals(a.forward(x, SCALAR).data, b.forward(x, BEST).data, 0f);
    }

    @Test
    void resizeDoublesLikeTfliteHalfPixel() {
        // one channel, 1x2 -> 1x4 with half-pixel centres: source x = (i + 0.5) / 2 - 0.5
        ResizeBilinear r = new ResizeBilinear(1, 4, false, true);
        r.build(Shape.of(1, 1, 2), new Random(0));
        Tensor y = r.forward(tensor(Shape.of(1, 1, 2), 1, 0, 8), BEST);
        assertArrayEquals(new float[] {0, 2, 6, 8}, java.util.Arrays.copyOf(y.data, 4), 1e-6f);
        // without half-pixel: x = i / 2 -> 0, 0.5, 1, 1.5 (clamped to the last pixel)
        ResizeBilinear plain = new ResizeBilinear(1, 4, false, false);
        plain.build(Shape.of(1, 1, 2), new Random(0));
        assertArrayEquals(new float[] {0, 4, 8, 8},
                java.util.Arrays.copyOf(plain.forward(tensor(Shape.of(1, 1, 2), 1, 0, 8), BEST).data, 4), 1e-6f);
        // align corners: x = i * (2 - 1) / (4 - 1)
        ResizeBilinear corners = new ResizeBilinear(1, 4, true, false);
        corners.build(Shape.of(1, 1, 2), new Random(0));
        assertArrayEquals(new float[] {0, 8 / 3f, 16 / 3f, 8},
                java.util.Arrays.copyOf(corners.forward(tensor(Shape.of(1, 1, 2), 1, 0, 8), BEST).data, 4), 1e-5f);
    }

    @Test
    void resizeBackwardIsTheTransposeOfForward() {
        // <R x, g> = <x, R^T g> for random x and g: the gradient is the adjoint of the resize
        Shape s = Shape.of(3, 6, 6);
        ResizeBilinear r = new ResizeBilinear(12, 12, false, true);
        r.build(s, new Random(0));
        Tensor x = random(s, 2, 11);
        Tensor y = r.forward(x, BEST);
        Tensor g = random(Shape.of(3, 12, 12), 2, 12);
        double left = 0;
        for (int i = 0; i < y.size(); i++) {
            left += y.data[i] * g.data[i];
        }
        Tensor dx = r.backward(g, BEST);
        double right = 0;
        for (int i = 0; i < x.size(); i++) {
            right += x.data[i] * dx.data[i];
        }
        assertEquals(left, right, 1e-3 * Math.abs(left));
    }
}
