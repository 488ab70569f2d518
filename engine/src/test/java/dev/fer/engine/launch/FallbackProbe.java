package dev.fer.engine.launch;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Flatten;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.optim.Adam;
import dev.fer.engine.tensor.Shape;

/** Run in a JVM without the Vector API: prints the kernels in use and trains/infers one step. */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        System.out.println("vector api loaded: " + VectorApiRelauncher.vectorApiLoaded());
        System.out.println("kernels: " + Kernels.best().name());
        try (Sequential model = new Sequential(Shape.of(1, 8, 8)).add(new Conv2D(4, 3).padding(Padding.SAME))
                .add(new ReLU()).add(new Flatten()).add(new Dense(3)).seed(1)) {
            Adam adam = new Adam(model.params(), 1e-2f);
            float[] x = new float[2 * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 7) / 7f;
            }
            float first = model.trainStep(x, new int[] {0, 2}, 2);
            adam.step();
            float[] p = new float[6];
            model.predict(x, 2, p);
            System.out.println("trained: loss " + first + ", probabilities sum " + (p[0] + p[1] + p[2]));
        }
    }
}
