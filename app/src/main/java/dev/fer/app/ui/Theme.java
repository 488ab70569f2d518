package dev.fer.app.ui;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/** The window's colours, fonts and rendering hints, in one place. */
final class Theme {
    private Theme() {}

    static final Color BACKGROUND = new Color(0x0E1116);
    static final Color PANEL = new Color(0x161A21);
    static final Color CARD = new Color(0x1D222B);
    static final Color TRACK = new Color(0x2A303B);
    static final Color TEXT = new Color(0xE6E9EF);
    static final Color MUTED = new Color(0x8C94A3);
    static final Color ACCENT = new Color(0x4F8CFF);
    static final Color RECORDING = new Color(0xFF4D5E);

    /** DejaVu Sans where installed (Debian, CI), else the platform's sans serif. */
    static final String FAMILY = pickFamily();

    static Font font(int style, float size) {
        return new Font(FAMILY, style, 12).deriveFont(size);
    }

    /** Antialiased shapes and text, bilinear image scaling: the look of a finished product. */
    static void quality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    private static String pickFamily() {
        try {
            for (String f : java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
                if (f.equals("DejaVu Sans")) {
                    return f;
                }
            }
        } catch (RuntimeException | Error e) {
            // no font configuration (a bare headless JVM): the logical font still renders
        }
        return Font.SANS_SERIF;
    }
}
