package dev.fer.detector;

import java.util.Arrays;

/**
 * A growable list of integer rectangles {@code x, y, width, height}, stored flat so that collecting
 * thousands of raw detections allocates nothing once it has grown. Not thread-safe.
 */
public final class RectList {
    private int[] data = new int[64];
    private int size;

    public void add(int x, int y, int width, int height) {
        if (4 * size + 4 > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        int o = 4 * size++;
        data[o] = x;
        data[o + 1] = y;
        data[o + 2] = width;
        data[o + 3] = height;
    }

    /** Appends every rectangle of another list. */
    public void addAll(RectList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.x(i), other.y(i), other.width(i), other.height(i));
        }
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int x(int i) {
        return data[4 * i];
    }

    public int y(int i) {
        return data[4 * i + 1];
    }

    public int width(int i) {
        return data[4 * i + 2];
    }

    public int height(int i) {
        return data[4 * i + 3];
    }
}
