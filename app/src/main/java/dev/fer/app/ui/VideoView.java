package dev.fer.app.ui;

import dev.fer.app.pipeline.AnalyzedFrame;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.geom.RoundRectangle2D;
import javax.swing.JComponent;

/** The live picture with its face overlays, scaled to fit and centred; a message when there is none. */
final class VideoView extends JComponent {
    private AnalyzedFrame frame;
    private String message = "Starting…";
    private boolean paused;

    VideoView() {
        setOpaque(true);
        setBackground(Theme.BACKGROUND);
        setPreferredSize(new Dimension(800, 600));
        setMinimumSize(new Dimension(160, 120));
    }

    /** Shows a new frame; call on the EDT. */
    void show(AnalyzedFrame f) {
        frame = f;
        message = null;
        repaint();
    }

    /** Shows a message in place of (or over) the picture, e.g. a source error. */
    void showMessage(String text) {
        message = text;
        repaint();
    }

    void setPaused(boolean p) {
        paused = p;
        repaint();
    }

    AnalyzedFrame frame() {
        return frame;
    }

    /** The message shown, or null. */
    String message() {
        return message;
    }

    /** Where a {@code iw x ih} picture goes: {@code {x, y, scale}}, fitted and centred. */
    double[] placement(int iw, int ih) {
        double scale = Math.min((double) getWidth() / iw, (double) getHeight() / ih);
        return new double[] {(getWidth() - iw * scale) / 2, (getHeight() - ih * scale) / 2, scale};
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            Theme.quality(g);
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            if (frame != null && frame.image() != null) {
                double[] t = placement(frame.image().getWidth(), frame.image().getHeight());
                OverlayPainter.paint(g, frame, t[0], t[1], t[2]);
            }
            if (paused) {
                badge(g, "❚❚  PAUSED", 16, 16);
            }
            if (message != null) {
                centred(g, message);
            }
        } finally {
            g.dispose();
        }
    }

    private void badge(Graphics2D g, String text, int x, int y) {
        Font f = Theme.font(Font.BOLD, 14f);
        FontMetrics fm = g.getFontMetrics(f);
        int w = fm.stringWidth(text) + 24;
        int h = fm.getHeight() + 10;
        g.setColor(new java.awt.Color(0, 0, 0, 170));
        g.fill(new RoundRectangle2D.Double(x, y, w, h, h, h));
        g.setColor(Theme.TEXT);
        g.setFont(f);
        g.drawString(text, x + 12, y + 5 + fm.getAscent());
    }

    private void centred(Graphics2D g, String text) {
        Font f = Theme.font(Font.PLAIN, 16f);
        FontMetrics fm = g.getFontMetrics(f);
        String[] lines = text.split("\n");
        int lineH = fm.getHeight();
        int boxW = 0;
        for (String l : lines) {
            boxW = Math.max(boxW, fm.stringWidth(l));
        }
        boxW += 40;
        int boxH = lineH * lines.length + 28;
        int x = (getWidth() - boxW) / 2;
        int y = (getHeight() - boxH) / 2;
        g.setColor(new java.awt.Color(22, 26, 33, 225));
        g.fill(new RoundRectangle2D.Double(x, y, boxW, boxH, 18, 18));
        g.setColor(Theme.TEXT);
        g.setFont(f);
        for (int i = 0; i < lines.length; i++) {
            int lw = fm.stringWidth(lines[i]);
            g.drawString(lines[i], (getWidth() - lw) / 2, y + 14 + fm.getAscent() + i * lineH);
        }
    }
}
