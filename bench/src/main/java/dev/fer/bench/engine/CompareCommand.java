package dev.fer.bench.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code fer-bench.jar compare --ours FILE [--torch FILE] [--torch-cl FILE] [--peak FILE]
 * [--threads 1,2] [--out FILE]}: prints the side-by-side comparison ({@link ComparisonTable}).
 * {@code --ours} is either JMH's JSON result file of this package's benchmarks (then the ONNX
 * Runtime figures come from it too) or the JSON of the {@code workloads} runner.
 */
public final class CompareCommand {
    private static final String USAGE = """
            usage: compare --ours FILE [--ours FILE...] [--torch FILE] [--torch-cl FILE] [--peak FILE] [--threads 1,N] [--out FILE]
              --ours      JMH result JSON (-rf json) of dev.fer.bench.engine (repeatable: runs of parts of the
                          suite), or the 'workloads' runner's JSON
              --torch     torch_bench.py output (NCHW networks; layers in both layouts)
              --torch-cl  torch_bench.py --channels-last output
              --peak      peak.c output
              --threads   thread counts to show (default 1 and the number of cores)
              --out       also write the tables there (markdown)""";

    private CompareCommand() {}

    public static int run(String[] args) throws IOException {
        List<Path> ours = new java.util.ArrayList<>();
        Path torch = null;
        Path torchCl = null;
        Path peak = null;
        Path out = null;
        List<Integer> threads = WorkloadsCommand.defaultThreads();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--ours" -> ours.add(Path.of(v));
                    case "--torch" -> torch = Path.of(v);
                    case "--torch-cl" -> torchCl = Path.of(v);
                    case "--peak" -> peak = Path.of(v);
                    case "--threads" -> threads = WorkloadsCommand.parseThreads(v);
                    case "--out" -> out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (ours.isEmpty()) {
                throw new IllegalArgumentException("--ours is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Figures mine;
        Figures onnxRuntime = null;
        JsonElement first = parse(ours.getFirst());
        if (first.isJsonArray()) {
            // JMH result files of several runs: one list of records, a later record of the same figure wins
            JsonArray all = new JsonArray();
            for (Path file : ours) {
                JsonElement json = parse(file);
                if (!json.isJsonArray()) {
                    throw new IOException(file + ": expected a JMH result file (a JSON array) like " + ours.getFirst());
                }
                all.addAll(json.getAsJsonArray());
            }
            JmhResults jmh = JmhResults.of(all);
            mine = jmh.engine();
            onnxRuntime = jmh.onnxRuntime();
        } else {
            if (ours.size() > 1) {
                throw new IllegalArgumentException("several --ours files must all be JMH result files");
            }
            mine = Figures.of(object(ours.getFirst(), first));
        }
        ComparisonTable table = new ComparisonTable(mine, figures(torch), figures(torchCl), onnxRuntime,
                peak == null ? null : object(peak, parse(peak)), threads);
        String md = table.markdown();
        System.out.print(md);
        if (out != null) {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, md);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }

    private static Figures figures(Path file) throws IOException {
        return file == null ? null : Figures.read(file);
    }

    private static JsonElement parse(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try {
            return JsonParser.parseString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    private static JsonObject object(Path file, JsonElement json) throws IOException {
        if (!json.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        return json.getAsJsonObject();
    }
}
