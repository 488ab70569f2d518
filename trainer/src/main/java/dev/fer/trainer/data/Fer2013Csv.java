package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the original Kaggle {@code fer2013.csv} ({@code emotion,pixels,Usage}; 2,304 space-separated
 * gray values per row). Usage {@code Training} is the training split, {@code PublicTest} the
 * validation split and {@code PrivateTest} the test split, as in the Kaggle folder release. Bad rows
 * are skipped and counted.
 */
public final class Fer2013Csv {
    public enum Usage { TRAINING, PUBLIC_TEST, PRIVATE_TEST }

    static final String BAD_ROW = "bad CSV rows";

    private Fer2013Csv() {}

    public static Map<Usage, LoadedFaces> read(Path csv) throws IOException {
        Map<Usage, ByteArrayOutputStream> pixels = new EnumMap<>(Usage.class);
        Map<Usage, ByteArrayOutputStream> labels = new EnumMap<>(Usage.class);
        Map<Usage, LoadSummary> summaries = new EnumMap<>(Usage.class);
        for (Usage u : Usage.values()) {
            pixels.put(u, new ByteArrayOutputStream());
            labels.put(u, new ByteArrayOutputStream());
            summaries.put(u, new LoadSummary(csv + " [" + u.name().toLowerCase(Locale.ROOT) + "]"));
        }
        LoadSummary unassigned = summaries.get(Usage.TRAINING);
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(csv + ": empty file, expected the header emotion,pixels,Usage");
            }
            String[] columns = header.strip().toLowerCase(Locale.ROOT).split(",");
            int emotionCol = indexOf(columns, "emotion", csv);
            int pixelsCol = indexOf(columns, "pixels", csv);
            int usageCol = indexOf(columns, "usage", csv);
            byte[] face = new byte[FaceSet.FACE_PIXELS];
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != columns.length) {
                    unassigned.skip(BAD_ROW, csv + ":" + lineNo + ": " + cells.length + " cells, expected " + columns.length);
                    continue;
                }
                Usage usage = usage(cells[usageCol].strip());
                LoadSummary summary = usage == null ? unassigned : summaries.get(usage);
                try {
                    if (usage == null) {
                        throw new IllegalArgumentException("unknown Usage '" + cells[usageCol].strip()
                                + "' (expected Training, PublicTest or PrivateTest)");
                    }
                    Emotion emotion = Emotion.fromFer2013Label(Integer.parseInt(cells[emotionCol].strip()));
                    parsePixels(cells[pixelsCol], face);
                    pixels.get(usage).write(face);
                    labels.get(usage).write(emotion.ordinal());
                    summary.loaded(1);
                } catch (IllegalArgumentException e) {
                    summary.skip(BAD_ROW, csv + ":" + lineNo + ": " + e.getMessage());
                }
            }
        }
        Map<Usage, LoadedFaces> result = new EnumMap<>(Usage.class);
        for (Usage u : Usage.values()) {
            result.put(u, new LoadedFaces(new FaceSet(pixels.get(u).toByteArray(), labels.get(u).toByteArray()),
                    summaries.get(u)));
        }
        return result;
    }

    private static int indexOf(String[] columns, String name, Path csv) throws IOException {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].strip().equals(name)) {
                return i;
            }
        }
        throw new IOException(csv + ": no '" + name + "' column in the header (expected emotion,pixels,Usage)");
    }

    private static Usage usage(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "training" -> Usage.TRAINING;
            case "publictest" -> Usage.PUBLIC_TEST;
            case "privatetest" -> Usage.PRIVATE_TEST;
            default -> null;
        };
    }

    /** Parses 2,304 space-separated values 0..255 without creating a string per number. */
    private static void parsePixels(String text, byte[] face) {
        int n = 0;
        int value = -1;
        for (int i = 0, len = text.length(); i <= len; i++) {
            char c = i < len ? text.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    throw new IllegalArgumentException("pixel value over 255");
                }
            } else if (c == ' ' || c == '\t' || c == '"') {
                if (value >= 0) {
                    if (n == face.length) {
                        throw new IllegalArgumentException("more than " + face.length + " pixel values");
                    }
                    face[n++] = (byte) value;
                    value = -1;
                }
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' in pixels");
            }
        }
        if (n != face.length) {
            throw new IllegalArgumentException(n + " pixel values, expected " + face.length);
        }
    }
}
