package dev.fer.app.ui;

import dev.fer.app.pipeline.PipelineStats;
import java.awt.BorderLayout;
import java.awt.Font;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** The window's bottom line: the pipeline's rates on the left, the latest notice on the right. */
final class StatusBar extends JPanel {
    private final JLabel rates = new JLabel(" ");
    private final JLabel notice = new JLabel(" ");

    StatusBar() {
        super(new BorderLayout());
        setBackground(Theme.PANEL);
        setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, Theme.TRACK),
                BorderFactory.createEmptyBorder(5, 12, 5, 12)));
        rates.setFont(Theme.font(Font.PLAIN, 12.5f));
        rates.setForeground(Theme.TEXT);
        notice.setFont(Theme.font(Font.PLAIN, 12.5f));
        notice.setForeground(Theme.MUTED);
        add(rates, BorderLayout.WEST);
        add(notice, BorderLayout.EAST);
    }

    /** Capture and processed fps, latency, drops, the faces in view, and whether it records. */
    void show(PipelineStats s, int faces, boolean recording) {
        String rec = recording ? " &nbsp; <font color='#FF4D5E'>● REC</font>" : "";
        rates.setText(String.format(Locale.ROOT,
                "<html>capture <b>%.1f</b> fps &nbsp; processed <b>%.1f</b> fps &nbsp; latency <b>%.0f</b> ms"
                        + " &nbsp; dropped %d &nbsp; faces %d%s</html>",
                s.captureFps(), s.processedFps(), s.latencyMillis(), s.dropped(), faces, rec));
    }

    /** A line about the last thing that happened (saved, recording, an error). */
    void notice(String text) {
        notice.setText(text);
    }
}
