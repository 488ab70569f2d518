package dev.fer.app.tracking;

import dev.fer.detector.FaceBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives each detected face a track id that stays the same while the face stays in view.
 *
 * <p>Matching is greedy by intersection over union: the best-overlapping (track, detection) pair
 * is joined first, then the next best among the rest, down to {@link #minIou}. At 30 fps a face
 * moves little between frames, so greedy matching is as good as the Hungarian method here and
 * much simpler. A track that finds no detection survives {@link #maxMissed} frames (the cascade
 * misses a face now and then) before it is dropped; a detection that matches no track starts a
 * new one. Ids are never reused.
 */
public final class IouTracker {
    private final double minIou;
    private final int maxMissed;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    private static final class Track {
        final int id;
        FaceBox box;
        int missed;

        Track(int id, FaceBox box) {
            this.id = id;
            this.box = box;
        }
    }

    /**
     * @param minIou    the least overlap that links a detection to a track
     * @param maxMissed how many frames in a row a track may go undetected before it ends
     */
    public IouTracker(double minIou, int maxMissed) {
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in (0, 1], got " + minIou);
        }
        if (maxMissed < 0) {
            throw new IllegalArgumentException("maxMissed must be >= 0, got " + maxMissed);
        }
        this.minIou = minIou;
        this.maxMissed = maxMissed;
    }

    /** Defaults that hold faces through a few missed detections at webcam frame rates. */
    public IouTracker() {
        this(0.3, 5);
    }

    /** The track id of each box, in the order given. */
    public int[] update(List<FaceBox> boxes) {
        int n = boxes.size();
        int[] ids = new int[n];
        boolean[] trackTaken = new boolean[tracks.size()];
        boolean[] boxTaken = new boolean[n];
        for (Pair p : candidatePairs(boxes)) {
            if (trackTaken[p.track] || boxTaken[p.box]) {
                continue;
            }
            trackTaken[p.track] = true;
            boxTaken[p.box] = true;
            Track t = tracks.get(p.track);
            t.box = boxes.get(p.box);
            t.missed = 0;
            ids[p.box] = t.id;
        }
        for (int i = tracks.size() - 1; i >= 0; i--) {
            if (!trackTaken[i] && ++tracks.get(i).missed > maxMissed) {
                tracks.remove(i);
            }
        }
        for (int b = 0; b < n; b++) {
            if (!boxTaken[b]) {
                Track t = new Track(nextId++, boxes.get(b));
                tracks.add(t);
                ids[b] = t.id;
            }
        }
        return ids;
    }

    /** Ids of the tracks alive now (seen within the last {@code maxMissed} frames). */
    public int[] liveIds() {
        return tracks.stream().mapToInt(t -> t.id).toArray();
    }

    /** Forgets every track (a new source starts). */
    public void reset() {
        tracks.clear();
    }

    private record Pair(int track, int box, double iou) {}

    private Pair[] candidatePairs(List<FaceBox> boxes) {
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            for (int b = 0; b < boxes.size(); b++) {
                double iou = tracks.get(t).box.iou(boxes.get(b));
                if (iou >= minIou) {
                    pairs.add(new Pair(t, b, iou));
                }
            }
        }
        Pair[] sorted = pairs.toArray(Pair[]::new);
        Arrays.sort(sorted, (x, y) -> Double.compare(y.iou, x.iou));
        return sorted;
    }
}
