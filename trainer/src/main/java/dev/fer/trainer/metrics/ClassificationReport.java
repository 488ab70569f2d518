package dev.fer.trainer.metrics;

import com.google.gson.GsonBuilder;
import dev.fer.trainer.model.Emotion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one evaluation, as a text table for people and as JSON for programs:
 * {@code accuracy} (a fraction), {@code macro_f1}, {@code per_class} (precision, recall, f1, support
 * keyed by the lowercase class name), {@code confusion_matrix} (rows actual, columns predicted, in
 * {@code classes} order).
 */
public final class ClassificationReport {
    private final ConfusionMatrix matrix;
    private final Map<String, Object> context;

    /**
     * @param context extra top-level JSON fields describing what was evaluated (model, data, tta...)
     */
    public ClassificationReport(ConfusionMatrix matrix, Map<String, Object> context) {
        if (matrix.classes() != Emotion.COUNT) {
            throw new IllegalArgumentException("expected a " + Emotion.COUNT + "-class matrix");
        }
        this.matrix = matrix;
        this.context = new LinkedHashMap<>(context);
    }

    public ConfusionMatrix matrix() {
        return matrix;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support"));
        for (Emotion e : Emotion.values()) {
            int c = e.ordinal();
            sb.append(String.format(Locale.ROOT, "%-10s %9.3f %9.3f %9.3f %8d%n", e.label(), matrix.precision(c),
                    matrix.recall(c), matrix.f1(c), matrix.support(c)));
        }
        sb.append(String.format(Locale.ROOT, "%nmacro F1  %.4f%naccuracy  %.4f  (%d of %d)%n%n", matrix.macroF1(),
                matrix.accuracy(), matrix.correct(), matrix.total()));
        sb.append("confusion matrix (rows actual, columns predicted)\n");
        sb.append(String.format(Locale.ROOT, "%-10s", ""));
        for (Emotion e : Emotion.values()) {
            sb.append(String.format(Locale.ROOT, "%9s", e.label()));
        }
        sb.append('\n');
        for (Emotion actual : Emotion.values()) {
            sb.append(String.format(Locale.ROOT, "%-10s", actual.label()));
            for (Emotion predicted : Emotion.values()) {
                sb.append(String.format(Locale.ROOT, "%9d", matrix.count(actual.ordinal(), predicted.ordinal())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>(context);
        root.put("accuracy", matrix.accuracy());
        root.put("macro_f1", matrix.macroF1());
        root.put("correct", matrix.correct());
        root.put("total", matrix.total());
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (Emotion e : Emotion.values()) {
            int c = e.ordinal();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("precision", matrix.precision(c));
            figures.put("recall", matrix.recall(c));
            figures.put("f1", matrix.f1(c));
            figures.put("support", matrix.support(c));
            perClass.put(e.label(), figures);
        }
        root.put("per_class", perClass);
        root.put("classes", List.of(Emotion.values()).stream().map(Emotion::label).toList());
        root.put("confusion_matrix", matrix.counts());
        return root;
    }

    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toMap());
    }
}
