package dev.fer.detector;

/**
 * One detected face, in pixels of the image it was found in (origin top left).
 *
 * @param x         left edge
 * @param y         top edge
 * @param width     box width
 * @param height    box height
 * @param score     detector confidence: the neighbour count for Haar cascades, the sigmoid score
 *                  for BlazeFace
 * @param keypoints landmark coordinates {@code x0, y0, x1, y1, ...} in pixels (BlazeFace: right eye,
 *                  left eye, nose tip, mouth, right ear, left ear), or an empty array
 */
public record FaceBox(int x, int y, int width, int height, double score, float[] keypoints) {
    private static final float[] NONE = new float[0];

    public FaceBox(int x, int y, int width, int height, double score) {
        this(x, y, width, height, score, NONE);
    }

    public FaceBox {
        keypoints = keypoints == null ? NONE : keypoints;
    }

    /** Intersection over union with another box. */
    public double iou(FaceBox o) {
        int ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = (double) ix * iy;
        double union = (double) width * height + (double) o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
