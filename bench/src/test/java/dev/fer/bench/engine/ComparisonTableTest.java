package dev.fer.bench.engine;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTableTest {

    @Test
    void ratiosAreHigherIsBetterForUsInBothDirections() {
        assertEquals("2.00x", ComparisonTable.ratio(200.0, 100.0, false), "throughput: ours / peer");
        assertEquals("2.00x", ComparisonTable.ratio(1.0, 2.0, true), "latency: peer / ours");
        assertEquals("-", ComparisonTable.ratio(null, 2.0, true));
    }

    @Test
    void tableShowsBothPyTorchLayoutsPeakShareAndTargets() {
        Figures ours = new Figures();
        ours.put(Figures.WORKLOADS, "W1", "train_img_s", 1, 100.0);
        ours.put(Figures.WORKLOADS, "W1", "train_img_s", 2, 150.0);
        ours.put(Figures.LAYERS, "C1", "fwd_gflops", 1, 150.0);
        ours.put(Figures.LAYERS, "C1", "default_fwd_gflops", 1, 200.0);
        Figures torch = new Figures();
        torch.put(Figures.WORKLOADS, "W1", "train_img_s", 2, 120.0);
        torch.put(Figures.LAYERS, "C1", "fwd_gflops", 1, 100.0);
        torch.put(Figures.LAYERS, "C1", "cl_fwd_gflops", 1, 250.0);
        Figures torchCl = new Figures();
        torchCl.put(Figures.WORKLOADS, "W1", "train_img_s", 2, 160.0);
        JsonObject peak = new JsonObject();
        peak.addProperty("isa", "AVX-512F");
        peak.addProperty("avx512_gflops_1t", 250.0);
        peak.addProperty("avx512_gflops_2t", 500.0);

        String md = new ComparisonTable(ours, torch, torchCl, null, peak, List.of(1, 2)).markdown();

        // W1 train at 2 threads: best PyTorch is channels_last 160 -> 150/160
        assertTrue(md.contains("| W1 train img/s | 2 | 150 | 160 | 120 | - | 0.94x | - |"), md);
        // C1 forward: GEMM 150 GFLOP/s on one thread = 60% of a 250 GFLOP/s core, the default
        // (Winograd) 200 = 80%; best PyTorch layout 250
        assertTrue(md.contains("| C1 fwd (32x48x48 conv 32->64) | 1 | 150 | 200 | 250 | 100 | 0.80x | 60% / 80% |"), md);
        assertTrue(md.contains("W1 train img/s on 2 threads >= best PyTorch layout: MISSED"), md);
        assertTrue(md.contains("C1 fwd GFLOP/s (GEMM) on 1 thread(s) >= 70% of peak x threads: MISSED"), md);
        assertTrue(md.contains("C1 fwd GFLOP/s (default) on 1 thread(s) >= 70% of peak x threads: met"), md);
        assertTrue(md.contains("W1 train speed-up from 1 to 2 threads >= 1.7: MISSED (fer 1.50"), md);
        assertTrue(md.contains("W1 infer1 ms on 1 thread(s) <= ONNX Runtime: not measured"), md);
        assertTrue(md.contains("250.0 GFLOP/s on 1 thread"), md);
        assertTrue(!md.contains("Host steal"), "no steal figures, no steal line: " + md);
    }

    @Test
    void hostStealOfTheFiguresAndThePeakIsShownAndWarnedAbout() {
        Figures ours = new Figures();
        ours.put(Figures.WORKLOADS, "W1", "train_img_s", 2, 99.0);
        ours.put(Figures.WORKLOADS, "W1", "train" + Figures.HOST_STEAL, 1, 0.02);
        ours.put(Figures.WORKLOADS, "W1", "train" + Figures.HOST_STEAL, 2, 0.45);
        JsonObject peak = new JsonObject();
        peak.addProperty("avx512_gflops_1t", 98.0);
        peak.addProperty("host_steal_cores", 0.6);

        String md = new ComparisonTable(ours, null, null, null, peak, List.of(1, 2)).markdown();

        assertTrue(md.contains("while our figures were timed: up to 0.45 cores. Figures timed under steal understate"), md);
        assertTrue(md.contains("Host steal while it ran: 0.60 cores."), md);
        ours.put(Figures.WORKLOADS, "W1", "train" + Figures.HOST_STEAL, 2, 0.01);
        String quiet = new ComparisonTable(ours, null, null, null, peak, List.of(1, 2)).markdown();
        assertTrue(quiet.contains("up to 0.02 cores.") && !quiet.contains("understate"), quiet);
    }
}
