package dev.fer.app.ui;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.LayoutManager;

/**
 * The video and the bar chart side by side on a wide window and stacked on a tall or narrow one,
 * the chart taking a share of the space within sensible bounds, so every size looks deliberate.
 */
final class StageLayout implements LayoutManager {
    private final Component video;
    private final Component bars;

    StageLayout(Component video, Component bars) {
        this.video = video;
        this.bars = bars;
    }

    /** Whether a {@code w x h} area puts the chart beside the video (else below it). */
    static boolean sideBySide(int w, int h) {
        return w >= 640 && w >= h;
    }

    @Override
    public void layoutContainer(Container parent) {
        int w = parent.getWidth();
        int h = parent.getHeight();
        if (sideBySide(w, h)) {
            int barsW = Math.clamp(Math.round(w * 0.27f), 230, 360);
            video.setBounds(0, 0, w - barsW, h);
            bars.setBounds(w - barsW, 0, barsW, h);
        } else {
            int barsH = Math.clamp(Math.round(h * 0.4f), 120, 290);
            video.setBounds(0, 0, w, h - barsH);
            bars.setBounds(0, h - barsH, w, barsH);
        }
    }

    @Override
    public Dimension preferredLayoutSize(Container parent) {
        return new Dimension(1040, 600);
    }

    @Override
    public Dimension minimumLayoutSize(Container parent) {
        return new Dimension(320, 320);
    }

    @Override
    public void addLayoutComponent(String name, Component comp) {}

    @Override
    public void removeLayoutComponent(Component comp) {}
}
