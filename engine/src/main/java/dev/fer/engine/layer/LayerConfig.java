package dev.fer.engine.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Typed access to a layer's settings as read from a model file, with errors that name the key. */
public final class LayerConfig {
    private final String kind;
    private final Map<String, String> values;

    public LayerConfig(String kind, Map<String, String> values) {
        this.kind = kind;
        this.values = new LinkedHashMap<>(values);
    }

    /** Parses "key=value key=value ..." (the model file form). */
    public static LayerConfig parse(String kind, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(kind + ": setting '" + part + "' is not key=value");
            }
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new LayerConfig(kind, values);
    }

    /** Formats settings as "key=value key=value". */
    public static String format(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (v.contains(" ") || v.contains("=")) {
                throw new IllegalArgumentException("setting " + k + " has a space or '=': '" + v + "'");
            }
            sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v);
        });
        return sb.toString();
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(kind + ": missing setting '" + key + "'");
        }
        return v;
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + ": setting '" + key + "' is not an integer: " + values.get(key));
        }
    }

    public float number(String key) {
        try {
            return Float.parseFloat(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + ": setting '" + key + "' is not a number: " + values.get(key));
        }
    }

    public boolean bool(String key) {
        String v = string(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(kind + ": setting '" + key + "' is not true/false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** "3x5" -> {3, 5}; "3" -> {3, 3}. */
    public int[] pair(String key) {
        String v = string(key);
        try {
            String[] p = v.split("x");
            if (p.length == 1) {
                int a = Integer.parseInt(p[0]);
                return new int[] {a, a};
            }
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(kind + ": setting '" + key + "' is not N or NxM: " + v);
    }

    public Padding padding(String key) {
        return Padding.parse(string(key));
    }
}
