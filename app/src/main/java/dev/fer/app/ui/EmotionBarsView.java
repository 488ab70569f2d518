package dev.fer.app.ui;

import dev.fer.app.pipeline.Face;
import dev.fer.trainer.model.Emotion;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.swing.JComponent;

/**
 * A card per face (largest first, as many as fit, or only the largest) with a bar for each of the
 * seven emotions. Sizes follow the component's width, so it reads at any window size.
 */
final class EmotionBarsView extends JComponent {
    private static final Emotion[] EMOTIONS = Emotion.values();
    private static final int ROW_HEIGHT = 22;
    /** Header, one row per emotion, bottom padding. */
    private static final int CARD_HEIGHT = 44 + EMOTIONS.length * ROW_HEIGHT + 8;
    /** A face in one line: name and confidence above a stacked bar. */
    private static final int COMPACT_HEIGHT = 46;

    private List<Face> faces = List.of();
    private boolean largestOnly;

    EmotionBarsView() {
        setOpaque(true);
        setBackground(Theme.PANEL);
        setPreferredSize(new Dimension(300, 600));
        setMinimumSize(new Dimension(160, 160));
    }

    void show(List<Face> newFaces) {
        List<Face> sorted = new ArrayList<>(newFaces);
        sorted.sort(Comparator.comparingLong(Face::area).reversed());
        faces = sorted;
        repaint();
    }

    void setLargestOnly(boolean on) {
        largestOnly = on;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            Theme.quality(g);
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            int margin = 14;
            int y = margin;
            g.setFont(Theme.font(Font.BOLD, 13f));
            g.setColor(Theme.MUTED);
            int shown = largestOnly ? Math.min(1, faces.size()) : faces.size();
            String title = faces.isEmpty() ? "NO FACE"
                    : largestOnly && faces.size() > 1 ? "LARGEST OF " + faces.size() + " FACES"
                    : faces.size() == 1 ? "1 FACE" : faces.size() + " FACES";
            g.drawString(title, margin, y + g.getFontMetrics().getAscent());
            y += g.getFontMetrics().getHeight() + 8;
            // cards flow in columns of at least 250 px: one column beside the video, several below it
            int columns = Math.max(1, (getWidth() - margin) / 250);
            int gap = 10;
            int cardW = (getWidth() - 2 * margin - (columns - 1) * gap) / columns;
            int cardH = CARD_HEIGHT;
            int full = columns > 1 ? shown : fullCards(shown, getHeight() - margin - y);
            for (int i = 0; i < full; i++) {
                int col = i % columns;
                int rowY = y + (i / columns) * (cardH + gap);
                if (i > 0 && rowY + cardH > getHeight() - margin) {
                    more(g, shown - i, margin);
                    return;
                }
                paintCard(g, faces.get(i), margin + col * (cardW + gap), rowY, cardW);
            }
            // beside the video, faces that have no room for a full card get a one-line stacked bar
            int rowY = y + full * (cardH + gap);
            for (int i = full; i < shown; i++) {
                if (rowY + COMPACT_HEIGHT > getHeight() - margin) {
                    more(g, shown - i, margin);
                    return;
                }
                paintCompact(g, faces.get(i), margin, rowY, cardW);
                rowY += COMPACT_HEIGHT + gap;
            }
        } finally {
            g.dispose();
        }
    }

    /** How many of {@code shown} faces get a full card when the rest take compact rows. */
    private static int fullCards(int shown, int available) {
        for (int k = shown; k > 1; k--) {
            if (k * (CARD_HEIGHT + 10) + (shown - k) * (COMPACT_HEIGHT + 10) <= available) {
                return k;
            }
        }
        return Math.min(1, shown);
    }

    private void more(Graphics2D g, int hidden, int margin) {
        g.setFont(Theme.font(Font.PLAIN, 12f));
        g.setColor(Theme.MUTED);
        String more = "+ " + hidden + " more";
        g.drawString(more, getWidth() - margin - g.getFontMetrics().stringWidth(more), margin + 12);
    }

    /** One face in a line: the top emotion, and all seven as one bar split by probability. */
    private void paintCompact(Graphics2D g, Face face, int x, int y, int w) {
        g.setColor(Theme.CARD);
        g.fill(new RoundRectangle2D.Double(x, y, w, COMPACT_HEIGHT, 12, 12));
        g.setColor(EmotionStyle.of(face.top()));
        g.fill(new RoundRectangle2D.Double(x, y, 5, COMPACT_HEIGHT, 5, 5));
        g.setFont(Theme.font(Font.BOLD, 13f));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        String name = EmotionStyle.title(face.top());
        g.drawString(name, x + 16, y + 6 + fm.getAscent());
        g.setFont(Theme.font(Font.PLAIN, 12f));
        g.setColor(Theme.MUTED);
        g.drawString(String.format(Locale.ROOT, "%.0f%%", face.confidence() * 100)
                + (face.trackId() > 0 ? "   #" + face.trackId() : ""), x + 16 + fm.stringWidth(name) + 8, y + 6 + fm.getAscent());
        int barX = x + 16;
        int barW = w - 28;
        int barY = y + COMPACT_HEIGHT - 14;
        double at = barX;
        java.awt.Shape clip = g.getClip();
        g.clip(new RoundRectangle2D.Double(barX, barY, barW, 8, 8, 8));
        for (Emotion e : EMOTIONS) {
            double segment = barW * Math.max(0, face.probability(e));
            g.setColor(EmotionStyle.of(e));
            g.fill(new java.awt.geom.Rectangle2D.Double(at, barY, segment + 0.5, 8));
            at += segment;
        }
        g.setClip(clip);
    }

    private void paintCard(Graphics2D g, Face face, int x, int y, int w) {
        int h = CARD_HEIGHT;
        g.setColor(Theme.CARD);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, 14, 14));
        Color top = EmotionStyle.of(face.top());
        g.setColor(top);
        g.fill(new RoundRectangle2D.Double(x, y, 5, h, 5, 5));

        Font head = Theme.font(Font.BOLD, 16f);
        g.setFont(head);
        FontMetrics fh = g.getFontMetrics();
        g.setColor(Theme.TEXT);
        String name = EmotionStyle.title(face.top());
        g.drawString(name, x + 16, y + 12 + fh.getAscent());
        g.setFont(Theme.font(Font.PLAIN, 13f));
        g.setColor(Theme.MUTED);
        String meta = String.format(Locale.ROOT, "%.0f%%", face.confidence() * 100)
                + (face.trackId() > 0 ? "   #" + face.trackId() : "");
        g.drawString(meta, x + 16 + fh.stringWidth(name) + 10, y + 12 + fh.getAscent());

        Font rowFont = Theme.font(Font.PLAIN, 12f);
        g.setFont(rowFont);
        FontMetrics fr = g.getFontMetrics();
        int labelW = fr.stringWidth("Surprise") + 8;
        int valueW = fr.stringWidth("100%") + 4;
        int barX = x + 16 + labelW;
        int barW = Math.max(10, w - 16 - labelW - valueW - 14);
        int ry = y + 44;
        for (Emotion e : EMOTIONS) {
            float p = face.probability(e);
            boolean isTop = e == face.top();
            g.setColor(isTop ? Theme.TEXT : Theme.MUTED);
            g.drawString(EmotionStyle.title(e), x + 16, ry + fr.getAscent());
            int barH = 10;
            int by = ry + (fr.getHeight() - barH) / 2;
            g.setColor(Theme.TRACK);
            g.fill(new RoundRectangle2D.Double(barX, by, barW, barH, barH, barH));
            g.setColor(EmotionStyle.of(e));
            double fill = Math.max(barH, barW * Math.max(0, Math.min(1, p)));
            if (p > 0.005) {
                g.fill(new RoundRectangle2D.Double(barX, by, fill, barH, barH, barH));
            }
            String v = String.format(Locale.ROOT, "%.0f%%", p * 100);
            g.setColor(isTop ? Theme.TEXT : Theme.MUTED);
            g.drawString(v, x + w - 10 - fr.stringWidth(v), ry + fr.getAscent());
            ry += ROW_HEIGHT;
        }
    }
}
