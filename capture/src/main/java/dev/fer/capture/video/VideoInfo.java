package dev.fer.capture.video;

/**
 * What {@code ffprobe} says about a video's first video stream.
 *
 * @param width      coded width in pixels
 * @param height     coded height in pixels
 * @param frameRate  the average frame rate as ffprobe writes it ({@code 30000/1001}), for ffmpeg's
 *                   fps filter
 * @param fps        the same as a number
 * @param frameCount frames in the stream, or -1 when the container does not say
 * @param rotation   display rotation in degrees from the stream's metadata (0, 90, 180, 270);
 *                   ffmpeg applies it when decoding, so 90 and 270 swap width and height
 * @param pixelAspect the sample (pixel) aspect ratio, width over height: 1 for square pixels, e.g.
 *                   32/27 for anamorphic DVD video, whose pictures are shown wider than coded
 */
public record VideoInfo(int width, int height, String frameRate, double fps, long frameCount, int rotation,
                        double pixelAspect) {

    /** Width of the picture as shown: square pixels, rotation applied. */
    public int displayWidth() {
        return rotation % 180 == 0 ? squareWidth() : height;
    }

    /** Height of the picture as shown: square pixels, rotation applied. */
    public int displayHeight() {
        return rotation % 180 == 0 ? height : squareWidth();
    }

    private int squareWidth() {
        return Math.max(1, (int) Math.round(width * pixelAspect));
    }
}
