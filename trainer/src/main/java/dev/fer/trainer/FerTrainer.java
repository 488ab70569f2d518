package dev.fer.trainer;

import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.cli.Args;
import dev.fer.trainer.data.ClassFolderLoader;
import dev.fer.trainer.data.DatasetCache;
import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.data.FerData;
import dev.fer.trainer.data.LoadedFaces;
import dev.fer.trainer.eval.Evaluator;
import dev.fer.engine.io.AtomicFiles;
import dev.fer.trainer.metrics.Charts;
import dev.fer.trainer.metrics.ClassificationReport;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.model.Networks;
import dev.fer.trainer.train.TrainConfig;
import dev.fer.trainer.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** {@code fer-trainer train|evaluate ...}: the command line. */
public final class FerTrainer {
    static final String USAGE = """
            usage:
              fer-trainer train --data DIR --out MODEL [--arch NAME] [--epochs N] [--batch N] [--lr X]
                                [--optimizer adam|sgd] [--seed N] [--threads N] [--resume]
                                [--schedule cosine|step|plateau|constant] [--warmup N] [--patience N]
                                [--label-smoothing X] [--weight-decay X] [--augment standard|none]
                                [--class-weights none|sqrt|balanced] [--limit-per-class N] [--init MODEL]
                                [--restarts N,N,...|none] [--restart-lr X] [--mixup ALPHA]
                                [--teacher MODEL,... [--distill X]]
              fer-trainer evaluate [--model MODEL[,MODEL...]] --data DIR [--json FILE] [--tta] [--plot FILE] [--threads N]
              fer-trainer export --from CHECKPOINT_MODEL --out MODEL
              fer-trainer latency [--model MODEL | --arch NAME,...] [--threads N] [--calls N]
                                  [--conv default,gemm,winograd,winograd_4x4] [--tta]

            DIR: a Kaggle FER2013 folder (train/ and validation/ or test/ of class folders, also under
            images/), a fer2013.csv, or for evaluate any folder of class folders. The defaults of train
            reproduce the bundled default model. A run keeps history.csv, training-curves.png,
            confusion-matrix.png, report.txt/.json and checkpoint/ beside MODEL; --resume continues it.
            --init starts from another run's weights (its checkpoint/best.fer: batch norm not folded), to
            fine-tune a finished run with a second learning-rate cycle. --restarts adds such cycles to the
            run itself: after --epochs, each cycle of N epochs starts from the best weights so far with a
            fresh optimizer and a cosine decay from --restart-lr (2e-4 unless given; default: no restarts).
            --weight-decay is AdamW's decoupled decay (default 1e-2) or SGD's L2 decay (default 5e-4), on
            weights, not biases or batch norm.
            --mixup ALPHA blends each batch with itself shuffled (Beta(ALPHA, ALPHA) weights; default 0, off).
            --teacher distills trained models (files, or default): each face's target is (1 - X) its label
            + X the teachers' mean probabilities on it and its mirror image (--distill X, default 0.5).
            evaluate without --model (or --model default) uses the bundled default model, --model fast the
            bundled fast one (fer-lite); several models, comma-separated, are evaluated as an ensemble
            (their probabilities averaged); --tta also averages the mirror image.
            export folds batch norm into an inference model, e.g. from checkpoint/best.fer of an unfinished run.
            latency times the classification of one face (batch 1): median, p90 and min over --calls calls
            (default 500) after 3x as many warm-up calls; several --conv algorithms are timed in alternating
            rounds in this one process, so that they see the same machine; --tta times the face with its mirror.
            --arch times architectures before any training (seeded weights, batch norm folded), several
            of them in the same alternating rounds: what a net would cost per face.
            """;

    private FerTrainer() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true"); // charts are drawn into images only
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 ok, 1 failed, 2 bad command line). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || Set.of("-h", "--help", "help").contains(args.getFirst())) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.getFirst()) {
                case "train" -> train(Args.parse("train", rest, Set.of("resume")), out, err);
                case "evaluate" -> evaluate(Args.parse("evaluate", rest, Set.of("tta")), out, err);
                case "export" -> export(Args.parse("export", rest, Set.of()), out);
                case "latency" -> latency(Args.parse("latency", rest, Set.of("tta")), out);
                default -> throw new Args.UsageException("unknown command '" + args.getFirst() + "'");
            };
        } catch (Args.UsageException e) {
            err.println("fer-trainer " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("fer-trainer " + args.getFirst() + ": " + e.getMessage());
            return 1;
        }
    }

    private static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static int train(Args a, PrintStream out, PrintStream err) throws IOException {
        Networks.register();
        TrainConfig d = TrainConfig.DEFAULTS;
        Path data = Path.of(a.required("data"));
        Path model = Path.of(a.required("out"));
        int threads = a.integer("threads", defaultThreads(), 1);
        boolean resume = a.flag("resume");
        String arch = architecture("train", a.string("arch", d.arch()));
        TrainConfig config;
        try {
            String optimizer = a.choice("optimizer", d.optimizer(), List.of("adam", "sgd"));
            config = new TrainConfig(arch,
                    a.integer("epochs", d.epochs(), 1),
                    a.integer("batch", d.batch(), 2),
                    a.number("lr", d.lr(), 1e-7, 10),
                    optimizer,
                    a.choice("schedule", d.schedule(), List.of("cosine", "step", "plateau", "constant")),
                    a.integer("warmup", d.warmupEpochs(), 0),
                    a.integer("patience", d.patience(), 0),
                    a.number("label-smoothing", d.labelSmoothing(), 0, 0.99),
                    a.number("weight-decay", TrainConfig.defaultWeightDecay(optimizer), 0, 1),
                    a.choice("augment", d.augment(), List.of("standard", "none")),
                    a.choice("class-weights", d.classWeights(), List.of("none", "sqrt", "balanced")),
                    a.integer("limit-per-class", d.limitPerClass(), 0),
                    a.longValue("seed", d.seed()),
                    initModel(a.path("init", null)),
                    a.string("restarts", d.restarts()),
                    a.number("restart-lr", TrainConfig.RESTART_LR, 1e-7, 10),
                    a.number("mixup", d.mixup(), 0, 100),
                    a.string("teacher", d.teachers()),
                    a.number("distill", TrainConfig.DISTILL, 0, 1));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("train: " + e.getMessage());
        }
        a.rejectUnknown();

        Path runDir = model.toAbsolutePath().getParent();
        FerData.Splits splits = loader(threads, err).loadSplits(data);
        out.println(splits.train().summary());
        out.println(splits.validation().summary());
        FaceSet train = splits.train().faces();
        if (config.limitPerClass() > 0) {
            train = train.firstPerClass(config.limitPerClass());
            out.println("using the first " + config.limitPerClass() + " faces of each class: " + train.size() + " faces");
        }
        out.println("class counts " + Arrays.toString(train.classCounts()) + " (angry, disgust, fear, happy, neutral, sad, surprise)");
        out.println("config " + config);

        Trainer.Result result = new Trainer(config, threads, runDir, out).train(train, splits.validation().faces(), resume);
        Sequential inference = result.model().foldedForInference();
        inference.save(model);
        out.printf(Locale.ROOT, "saved %s (best validation accuracy %.4f at epoch %d, batch norm folded)%n", model,
                result.bestAccuracy(), result.bestEpoch());

        EmotionClassifier classifier = EmotionClassifier.of(inference.threads(threads));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", model.toString());
        context.put("data", splits.validation().summary().toString().lines().findFirst().orElse(""));
        context.put("best_epoch", result.bestEpoch());
        ClassificationReport report = report(Evaluator.evaluate(classifier, splits.validation().faces(), out), context);
        double tta = Evaluator.evaluate(classifier.mirrorAveraging(true), splits.validation().faces(), null)
                .matrix().accuracy();
        Map<String, Object> json = report.toMap();
        json.put("accuracy_tta", tta);
        AtomicFiles.writeString(runDir.resolve("report.json"), new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(json));
        AtomicFiles.writeString(runDir.resolve("report.txt"), report.toText());
        Charts.confusionMatrix(report.matrix(), "validation, " + config.arch(), runDir.resolve("confusion-matrix.png"));
        out.printf(Locale.ROOT, "with test-time augmentation (mirror): accuracy %.4f%n", tta);
        out.println("wrote report.txt, report.json, confusion-matrix.png, history.csv, training-curves.png in " + runDir);
        return 0;
    }

    /** --init as an absolute path (a resumed run must name the same file from any directory). */
    private static String initModel(Path init) throws IOException {
        if (init == null) {
            return null;
        }
        if (!Files.isRegularFile(init)) {
            throw new NoSuchFileException(init.toString(), null, "--init: no such model file");
        }
        return init.toAbsolutePath().normalize().toString();
    }

    private static int evaluate(Args a, PrintStream out, PrintStream err) throws IOException {
        Path data = Path.of(a.required("data"));
        String modelArg = a.string("model", null);
        Path json = a.path("json", null);
        Path plot = a.path("plot", null);
        boolean tta = a.flag("tta");
        int threads = a.integer("threads", defaultThreads(), 1);
        a.rejectUnknown();

        List<String> models = modelArg == null ? List.of(EmotionClassifier.DEFAULT_NAME)
                : Arrays.stream(modelArg.split(",")).map(String::trim).toList();
        for (String m : models) { // a missing model file fails before the data is read
            boolean bundled = m.equals(EmotionClassifier.DEFAULT_NAME) || m.equals(EmotionClassifier.FAST_NAME);
            if (!bundled && !Files.isRegularFile(Path.of(m))) {
                throw new NoSuchFileException(m, null, "--model: no such model file");
            }
        }
        LoadedFaces faces = loader(threads, err).loadEvaluationSet(data);
        out.println(faces.summary());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("model", modelArg == null ? "default (bundled)" : modelArg);
        context.put("data", data.toString());
        context.put("tta", tta);
        if (models.size() > 1) {
            context.put("ensemble", models.size());
        }
        // one model, or an ensemble: the models' probabilities averaged
        Evaluator.Result result = Evaluator.evaluate(
                Evaluator.meanProbabilities(models, faces.faces(), threads, tta, err), faces.faces());
        ClassificationReport report = report(result, context);
        out.print(report.toText());
        if (json != null) {
            AtomicFiles.writeString(json, report.toJson());
            out.println("wrote " + json);
        }
        if (plot != null) {
            Charts.confusionMatrix(report.matrix(), data.getFileName() + (tta ? " (tta)" : ""), plot);
            out.println("wrote " + plot);
        }
        return 0;
    }

    private static int export(Args a, PrintStream out) throws IOException {
        Path from = Path.of(a.required("from"));
        Path model = Path.of(a.required("out"));
        a.rejectUnknown();
        Sequential inference = Sequential.load(from).foldedForInference();
        EmotionClassifier.of(inference); // refuses anything that is not a 48x48 -> 7 classifier
        inference.save(model);
        out.println("saved " + model + " (batch norm folded) from " + from);
        return 0;
    }

    /** {@code arch} if the zoo knows it (call {@link Networks#register} first), else a usage error naming the known ones. */
    private static String architecture(String command, String arch) {
        if (!Architectures.names().contains(arch)) {
            throw new Args.UsageException(command + ": --arch must be one of " + Architectures.names() + ", got '" + arch + "'");
        }
        return arch;
    }

    private static int latency(Args a, PrintStream out) throws IOException {
        String modelArg = a.string("model", null);
        String archArg = a.string("arch", null);
        int threads = a.integer("threads", 1, 1);
        int calls = a.integer("calls", 500, 10);
        List<String> convs = List.of(a.string("conv", "default").toLowerCase(Locale.ROOT).split(","));
        boolean tta = a.flag("tta");
        a.rejectUnknown();
        if (modelArg != null && archArg != null) {
            throw new Args.UsageException("latency: give --model or --arch, not both");
        }
        Networks.register();
        List<String> archs = archArg == null ? List.of()
                : Arrays.stream(archArg.split(",")).map(arch -> architecture("latency", arch)).toList();
        List<LatencyProbe> probes = new ArrayList<>();
        for (String conv : convs) {
            ConvAlgorithm algorithm;
            try {
                algorithm = ConvAlgorithm.valueOf(conv.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("latency: --conv takes default, gemm, winograd, fft or auto, got '" + conv + "'");
            }
            String probe = conv + (tta ? " + tta" : "");
            if (archs.isEmpty()) {
                probes.add(new LatencyProbe(modelArg == null ? "default (bundled)" : modelArg, probe,
                        EmotionClassifier.open(modelArg).threads(threads).convAlgorithm(algorithm).mirrorAveraging(tta), calls));
            }
            for (String arch : archs) {
                // the time of a face depends on the shapes, not on the weights: seeded ones, batch norm folded
                EmotionClassifier untrained = EmotionClassifier.of(Architectures.create(arch).seed(1).build().foldedForInference());
                probes.add(new LatencyProbe(arch + " (untrained)", probe,
                        untrained.threads(threads).convAlgorithm(algorithm).mirrorAveraging(tta), calls));
            }
        }
        int round = 50;
        for (int done = 0; done < 3 * calls; done += round) { // warm-up: JIT, buffers, algorithm choice
            for (LatencyProbe p : probes) {
                p.run(round, false);
            }
        }
        for (int done = 0; done < calls; done += round) {
            for (LatencyProbe p : probes) {
                p.run(Math.min(round, calls - done), true);
            }
        }
        for (LatencyProbe p : probes) {
            out.println(p.report(threads));
        }
        return 0;
    }

    /** One classifier timed call by call on a fixed face. */
    private static final class LatencyProbe {
        private final String model;
        private final String name;
        private final EmotionClassifier classifier;
        private final float[] face = new float[EmotionClassifier.FACE_SIZE * EmotionClassifier.FACE_SIZE];
        private final float[] probabilities = new float[Emotion.COUNT];
        private final long[] nanos;
        private int count;

        LatencyProbe(String model, String name, EmotionClassifier classifier, int calls) {
            this.model = model;
            this.name = name;
            this.classifier = classifier;
            this.nanos = new long[calls];
            Random random = new Random(48);
            for (int i = 0; i < face.length; i++) {
                face[i] = EmotionClassifier.normalize(random.nextInt(256));
            }
        }

        void run(int n, boolean record) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                classifier.classify(face, 1, probabilities);
                long t = System.nanoTime() - t0;
                if (record) {
                    nanos[count++] = t;
                }
            }
        }

        String report(int threads) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%s, conv %s: one face, %d thread%s, %d calls: median %.3f ms, p90 %.3f ms,"
                            + " min %.3f ms", model, name, threads, threads == 1 ? "" : "s", count,
                    sorted[count / 2] / 1e6, sorted[(int) (count * 0.9)] / 1e6, sorted[0] / 1e6);
        }
    }

    private static ClassificationReport report(Evaluator.Result result, Map<String, Object> context) {
        context.put("mean_loss", result.meanLoss());
        return new ClassificationReport(result.matrix(), context);
    }

    private static FerData loader(int threads, PrintStream progress) {
        return new FerData(new ClassFolderLoader(DatasetCache.atDefaultLocation(), threads, progress));
    }
}
