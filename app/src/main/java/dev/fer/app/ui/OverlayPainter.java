package dev.fer.app.ui;

import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.detector.FaceBox;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Locale;

/**
 * Draws a frame with its faces: the picture scaled into a rectangle, and for each face a box in
 * its emotion's colour with a tag holding the top emotion and its confidence. The same code
 * paints the window and the snapshot PNG.
 */
final class OverlayPainter {
    private OverlayPainter() {}

    /**
     * Paints {@code frame} scaled by {@code scale} with its top-left corner at (ox, oy).
     */
    static void paint(Graphics2D g, AnalyzedFrame frame, double ox, double oy, double scale) {
        Theme.quality(g);
        if (frame.image() != null) {
            g.drawImage(frame.image(), (int) Math.round(ox), (int) Math.round(oy),
                    (int) Math.round(frame.image().getWidth() * scale),
                    (int) Math.round(frame.image().getHeight() * scale), null);
        }
        double right = frame.image() == null ? Double.MAX_VALUE : ox + frame.image().getWidth() * scale;
        for (Face face : frame.faces()) {
            paintFace(g, face, ox, oy, scale, right);
        }
    }

    /** {@code right}: the picture's right edge; a tag never sticks out past it. */
    private static void paintFace(Graphics2D g, Face face, double ox, double oy, double scale, double right) {
        FaceBox b = face.box();
        double x = ox + b.x() * scale;
        double y = oy + b.y() * scale;
        double w = b.width() * scale;
        double h = b.height() * scale;
        Color color = EmotionStyle.of(face.top());

        // A thin full outline and heavier corner brackets: readable on any picture, not heavy.
        float thin = (float) Math.max(1.5, w / 160);
        g.setStroke(new BasicStroke(thin));
        g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
        g.draw(new RoundRectangle2D.Double(x, y, w, h, w / 14, w / 14));
        g.setStroke(new BasicStroke(thin * 2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(color);
        g.draw(corners(x, y, w, h, Math.min(w, h) / 5));

        float size = (float) Math.max(12, Math.min(24, w / 9));
        Font bold = Theme.font(Font.BOLD, size);
        Font plain = Theme.font(Font.PLAIN, size * 0.8f);
        String label = EmotionStyle.title(face.top());
        String percent = String.format(Locale.ROOT, "%.0f%%", face.confidence() * 100);
        FontMetrics fb = g.getFontMetrics(bold);
        FontMetrics fp = g.getFontMetrics(plain);
        double pad = size * 0.45;
        double tagW = pad + fb.stringWidth(label) + pad * 0.8 + fp.stringWidth(percent) + pad;
        double tagH = fb.getAscent() + fb.getDescent() + pad * 0.6;
        double tagX = Math.max(ox, Math.min(x - thin, right - tagW));
        double tagY = y - tagH - thin * 2;
        if (tagY < oy) {
            tagY = y + thin * 2; // no room above the face: put the tag inside the box's top
        }
        g.setColor(color);
        g.fill(new RoundRectangle2D.Double(tagX, tagY, tagW, tagH, tagH * 0.5, tagH * 0.5));
        Color text = EmotionStyle.textOn(color);
        double baseline = tagY + (tagH + fb.getAscent() - fb.getDescent()) / 2;
        g.setColor(text);
        g.setFont(bold);
        g.drawString(label, (float) (tagX + pad), (float) baseline);
        g.setFont(plain);
        g.setColor(new Color(text.getRed(), text.getGreen(), text.getBlue(), 200));
        g.drawString(percent, (float) (tagX + pad + fb.stringWidth(label) + pad * 0.8), (float) baseline);

        if (face.trackId() > 0) {
            Font small = Theme.font(Font.PLAIN, Math.max(10, size * 0.6f));
            g.setFont(small);
            String id = "#" + face.trackId();
            FontMetrics fs = g.getFontMetrics(small);
            g.setColor(new Color(0, 0, 0, 140));
            double idW = fs.stringWidth(id) + 8;
            double idH = fs.getAscent() + fs.getDescent() + 2;
            g.fill(new RoundRectangle2D.Double(x + w - idW - 4, y + h - idH - 4, idW, idH, 6, 6));
            g.setColor(Color.WHITE);
            g.drawString(id, (float) (x + w - idW), (float) (y + h - 5 - fs.getDescent()));
        }
    }

    private static Path2D corners(double x, double y, double w, double h, double len) {
        Path2D p = new Path2D.Double();
        p.moveTo(x, y + len);
        p.lineTo(x, y);
        p.lineTo(x + len, y);
        p.moveTo(x + w - len, y);
        p.lineTo(x + w, y);
        p.lineTo(x + w, y + len);
        p.moveTo(x + w, y + h - len);
        p.lineTo(x + w, y + h);
        p.lineTo(x + w - len, y + h);
        p.moveTo(x + len, y + h);
        p.lineTo(x, y + h);
        p.lineTo(x, y + h - len);
        return p;
    }
}
