package dev.fer.bench.engine.ab;

import dev.fer.bench.engine.ConvRig;
import dev.fer.bench.engine.ConvShape;
import dev.fer.bench.engine.InferenceRig;
import dev.fer.bench.engine.Network;
import dev.fer.bench.engine.TrainingRig;

/**
 * One workload on whichever engine build the loader of this class sees: {@link AbCommand} loads
 * this class once per build, each time in its own class loader, and calls it by reflection, so
 * only plain Java types cross the boundary.
 */
public final class AbProbe implements AutoCloseable {
    private final AutoCloseable rig;
    private final Runnable call;
    /** Floating-point operations (or images, for network workloads) per call. */
    private final double work;

    /** {@code workload}: C1.fwd, C1.bwd (C2, C3 alike), W1.infer1, W1.infer256, W1.train (W2 alike). */
    public AbProbe(String workload, int threads) {
        String[] parts = workload.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("workload '" + workload + "': expected e.g. C2.fwd or W1.train");
        }
        if (parts[0].startsWith("C")) {
            ConvShape shape = ConvShape.valueOf(parts[0]);
            ConvRig conv = new ConvRig(shape, threads);
            rig = conv;
            switch (parts[1]) {
                case "fwd" -> {
                    call = conv::forward;
                    work = shape.forwardFlop(Network.TRAIN_BATCH);
                }
                case "bwd" -> {
                    call = conv::backward;
                    work = shape.backwardFlop(Network.TRAIN_BATCH);
                }
                default -> throw new IllegalArgumentException("layer pass '" + parts[1] + "': fwd or bwd");
            }
        } else {
            Network network = Network.valueOf(parts[0]);
            switch (parts[1]) {
                case "infer1", "infer256" -> {
                    InferenceRig inference = new InferenceRig(network, threads);
                    int batch = parts[1].equals("infer1") ? 1 : Network.INFER_BATCH;
                    rig = inference;
                    call = () -> inference.predict(batch);
                    work = batch;
                }
                case "train" -> {
                    TrainingRig training = new TrainingRig(network, threads);
                    rig = training;
                    call = training::step;
                    work = Network.TRAIN_BATCH;
                }
                default -> throw new IllegalArgumentException("network workload '" + parts[1] + "': infer1, infer256 or train");
            }
        }
    }

    /** Runs the workload once; returns the seconds it took. */
    public double timeOnce() {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    public double work() {
        return work;
    }

    @Override
    public void close() throws Exception {
        rig.close();
    }
}
