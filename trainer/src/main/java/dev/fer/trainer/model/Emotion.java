package dev.fer.trainer.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seven FER2013 classes, in the order of the model's outputs (and of FER2013's numeric labels
 * 0..6 after {@link #fromFer2013Label} remaps them: the CSV orders them angry, disgust, fear, happy,
 * sad, surprise, neutral; we order them alphabetically as the Kaggle folders do).
 */
public enum Emotion {
    ANGRY, DISGUST, FEAR, HAPPY, NEUTRAL, SAD, SURPRISE;

    public static final int COUNT = values().length;
    private static final Emotion[] VALUES = values();

    /** Folder names seen in the wild for each class, besides the canonical lowercase name. */
    private static final Map<String, Emotion> ALIASES = Map.ofEntries(
            Map.entry("anger", ANGRY), Map.entry("angry", ANGRY), Map.entry("mad", ANGRY),
            Map.entry("disgust", DISGUST), Map.entry("disgusted", DISGUST), Map.entry("contempt", DISGUST),
            Map.entry("fear", FEAR), Map.entry("fearful", FEAR), Map.entry("afraid", FEAR), Map.entry("scared", FEAR),
            Map.entry("happy", HAPPY), Map.entry("happiness", HAPPY), Map.entry("joy", HAPPY),
            Map.entry("neutral", NEUTRAL), Map.entry("calm", NEUTRAL),
            Map.entry("sad", SAD), Map.entry("sadness", SAD),
            Map.entry("surprise", SURPRISE), Map.entry("surprised", SURPRISE));

    /** FER2013 CSV label -> class: 0 angry, 1 disgust, 2 fear, 3 happy, 4 sad, 5 surprise, 6 neutral. */
    private static final Emotion[] FER2013_LABELS = {ANGRY, DISGUST, FEAR, HAPPY, SAD, SURPRISE, NEUTRAL};

    /** The lowercase name used in folders, reports and JSON keys. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Emotion of(int index) {
        return VALUES[index];
    }

    /** Maps a folder or class name case-insensitively ("Surprised", "anger", "HAPPY"...). */
    public static Optional<Emotion> find(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("^\\d+[-_ ]*", "");
        return Optional.ofNullable(ALIASES.get(key));
    }

    /** Like {@link #find} but fails with a message that lists what is accepted. */
    public static Emotion fromName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown emotion class '" + name + "': expected one of angry, disgust, fear, happy, neutral, sad, "
                        + "surprise (or a synonym such as anger, surprised, happiness)"));
    }

    /** The class of a numeric label in the original {@code fer2013.csv}. */
    public static Emotion fromFer2013Label(int label) {
        if (label < 0 || label >= FER2013_LABELS.length) {
            throw new IllegalArgumentException("fer2013 emotion label must be 0..6, got " + label);
        }
        return FER2013_LABELS[label];
    }
}
