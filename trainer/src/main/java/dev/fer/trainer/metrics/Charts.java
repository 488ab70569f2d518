package dev.fer.trainer.metrics;

import dev.fer.engine.io.AtomicFiles;
import dev.fer.trainer.model.Emotion;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The two pictures of a run: training curves (XChart) and the confusion matrix (Java2D heat map). */
public final class Charts {
    private static final Color TRAIN = new Color(0x1F77B4);
    private static final Color VALIDATION = new Color(0xD62728);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {}

    /** Loss (left) and accuracy (right) per epoch, train and validation, side by side. */
    public static void trainingCurves(History history, Path png) throws IOException {
        List<History.Epoch> epochs = history.epochs();
        double[] x = epochs.stream().mapToDouble(History.Epoch::epoch).toArray();
        XYChart loss = chart("Loss", "cross-entropy", Styler.LegendPosition.InsideNE); // losses fall
        series(loss, "train", x, epochs.stream().mapToDouble(History.Epoch::trainLoss).toArray(), TRAIN);
        series(loss, "validation", x, epochs.stream().mapToDouble(History.Epoch::valLoss).toArray(), VALIDATION);
        XYChart accuracy = chart("Accuracy", "accuracy (%)", Styler.LegendPosition.InsideSE); // accuracies rise
        series(accuracy, "train", x, epochs.stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray(), TRAIN);
        series(accuracy, "validation", x, epochs.stream().mapToDouble(e -> 100 * e.valAccuracy()).toArray(), VALIDATION);
        BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        BufferedImage right = BitmapEncoder.getBufferedImage(accuracy);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), left.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        writePng(both, png);
    }

    private static XYChart chart(String title, String yTitle, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xE6E6E6));
        styler.setLegendPosition(legend);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(TITLE);
        styler.setAxisTitleFont(LABEL);
        styler.setAxisTickLabelsFont(SMALL);
        styler.setLegendFont(LABEL);
        styler.setAntiAlias(true);
        styler.setDecimalPattern("#0.##");
        return chart;
    }

    private static void series(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries s = chart.addSeries(name, x.length == 0 ? new double[] {0} : x, y.length == 0 ? new double[] {0} : y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    /**
     * A heat map of the matrix normalized per row (each actual class sums to 100%): the colour and
     * big number are the percentage, the small number the count.
     */
    public static void confusionMatrix(ConfusionMatrix m, String title, Path png) throws IOException {
        int n = m.classes();
        int cell = 82;
        int left = 120;
        int top = 90;
        int width = left + n * cell + 40;
        int height = top + n * cell + 80;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x222222));
        g.setFont(TITLE);
        centered(g, title, width / 2, 34);
        g.setFont(SMALL);
        g.setColor(new Color(0x666666));
        centered(g, String.format(Locale.ROOT, "accuracy %.1f%%   macro F1 %.3f   %d faces",
                100 * m.accuracy(), m.macroF1(), m.total()), width / 2, 56);
        Emotion[] emotions = Emotion.values();
        for (int r = 0; r < n; r++) {
            long support = m.support(r);
            for (int c = 0; c < n; c++) {
                double share = support == 0 ? 0 : (double) m.count(r, c) / support;
                int x = left + c * cell;
                int y = top + r * cell;
                g.setColor(heat(share, r == c));
                g.fillRect(x, y, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : new Color(0x222222));
                g.setFont(CELL);
                centered(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), x + cell / 2, y + cell / 2);
                g.setFont(SMALL);
                centered(g, Long.toString(m.count(r, c)), x + cell / 2, y + cell / 2 + 18);
            }
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i <= n; i++) {
            g.drawLine(left + i * cell, top, left + i * cell, top + n * cell);
            g.drawLine(left, top + i * cell, left + n * cell, top + i * cell);
        }
        g.setColor(new Color(0x222222));
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            String name = emotions[i].label();
            g.drawString(name, left - 10 - fm.stringWidth(name), top + i * cell + cell / 2 + fm.getAscent() / 2 - 2);
            centered(g, name, left + i * cell + cell / 2, top + n * cell + 22);
        }
        g.setFont(CELL);
        centered(g, "predicted", left + n * cell / 2, top + n * cell + 52);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        centered(g, "actual", -(top + n * cell / 2), 24);
        g.setTransform(saved);
        g.dispose();
        writePng(image, png);
    }

    /** White to deep blue for the diagonal, white to red for confusions. */
    private static Color heat(double share, boolean diagonal) {
        double t = Math.sqrt(Math.clamp(share, 0, 1)); // lifts small confusions into view
        Color full = diagonal ? new Color(0x08306B) : new Color(0xA50F15);
        return new Color(mix(255, full.getRed(), t), mix(255, full.getGreen(), t), mix(255, full.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static void centered(Graphics2D g, String text, int cx, int baselineCenter) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, cx - fm.stringWidth(text) / 2, baselineCenter + fm.getAscent() / 2 - 2);
    }

    private static void writePng(BufferedImage image, Path png) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
