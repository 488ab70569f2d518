package dev.fer.app.bench;

import dev.fer.app.pipeline.FaceCropper;
import dev.fer.detector.FaceBox;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The benchmark's 640x480 frames: a photo as a webcam would frame it, and five copies of its face. */
final class BenchFrames {
    private BenchFrames() {}

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    /** The photo scaled to cover 640x480 and centre-cropped, as a 640x480 webcam frame. */
    static BufferedImage webcamFrame(BufferedImage photo) {
        double scale = Math.max((double) WIDTH / photo.getWidth(), (double) HEIGHT / photo.getHeight());
        int w = (int) Math.ceil(photo.getWidth() * scale);
        int h = (int) Math.ceil(photo.getHeight() * scale);
        BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(photo, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
        g.dispose();
        return out;
    }

    /**
     * Five copies of {@code face} (with its surroundings) on a plain backdrop, three above and two
     * below, each about 150 px: a group in front of a webcam.
     */
    static BufferedImage fiveFaces(BufferedImage frame, FaceBox face) {
        int[] sq = FaceCropper.cropSquare(frame.getWidth(), frame.getHeight(),
                new FaceBox(face.x() - face.width() / 4, face.y() - face.height() / 4,
                        face.width() * 3 / 2, face.height() * 3 / 2, face.score()));
        BufferedImage tile = frame.getSubimage(sq[0], sq[1], sq[2], sq[2]);
        BufferedImage out = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x8A8F99), 0, HEIGHT, new Color(0x3A3D44)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        int side = 200;
        int[][] at = {{13, 20}, {220, 20}, {427, 20}, {116, 260}, {323, 260}};
        for (int[] p : at) {
            g.drawImage(tile, p[0], p[1], side, side, null);
        }
        g.dispose();
        return out;
    }
}
