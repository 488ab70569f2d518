package dev.fer.app.ui;

import dev.fer.trainer.model.Emotion;
import java.awt.Color;

/**
 * How an emotion looks on screen: its name and one colour per emotion, the same in the window, snapshots and plots. Picked to be told apart on
 * a dark background and by most colour-blind viewers (no red/green pair of equal lightness).
 */
public final class EmotionStyle {
    private EmotionStyle() {}

    private static final Color[] COLORS = new Color[Emotion.values().length];

    static {
        COLORS[Emotion.ANGRY.ordinal()] = new Color(0xE5484D);
        COLORS[Emotion.DISGUST.ordinal()] = new Color(0x3DB36B);
        COLORS[Emotion.FEAR.ordinal()] = new Color(0x9B6CF0);
        COLORS[Emotion.HAPPY.ordinal()] = new Color(0xFFC53D);
        COLORS[Emotion.NEUTRAL.ordinal()] = new Color(0xA0A7B4);
        COLORS[Emotion.SAD.ordinal()] = new Color(0x3E9BFF);
        COLORS[Emotion.SURPRISE.ordinal()] = new Color(0xF7842A);
    }

    /** The name shown on screen, e.g. {@code Happy}. */
    public static String title(Emotion e) {
        String k = e.label();
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    public static Color of(Emotion e) {
        return COLORS[e.ordinal()];
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double luma = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luma > 150 ? new Color(0x111318) : Color.WHITE;
    }
}
