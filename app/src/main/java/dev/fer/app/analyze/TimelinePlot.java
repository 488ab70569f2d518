package dev.fer.app.analyze;

import dev.fer.engine.io.AtomicFiles;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.ui.EmotionStyle;
import dev.fer.trainer.model.Emotion;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Each emotion's probability over a sequence of frames, for the largest face of each frame; a
 * frame without a face leaves a gap. The x axis is seconds for one video and the frame's place in
 * the run otherwise (a folder of stills has no time).
 */
final class TimelinePlot {
    private TimelinePlot() {}

    static final int WIDTH = 1200;
    static final int HEIGHT = 600;

    static XYChart chart(List<AnalyzedFrame> frames, String title) {
        boolean oneSource = frames.stream().map(AnalyzedFrame::source).distinct().count() == 1;
        boolean timed = oneSource && frames.size() > 1 && frames.getLast().seconds() > 0;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(timed ? "time (s)" : "frame").yAxisTitle("probability (largest face)").build();
        XYStyler st = chart.getStyler();
        st.setYAxisMin(0.0).setYAxisMax(1.0);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xE4E7EC));
        st.setPlotBorderVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        st.setAntiAlias(true);

        int n = frames.size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = timed ? frames.get(i).seconds() : i;
        }
        for (Emotion e : Emotion.values()) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = frames.get(i).largestFace().map(f -> (double) f.probability(e)).orElse(Double.NaN);
            }
            XYSeries s = chart.addSeries(e.label(), x, y);
            s.setLineColor(EmotionStyle.of(e));
            s.setMarkerColor(EmotionStyle.of(e));
            s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            s.setMarker(n <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Draws the chart into a PNG, atomically. */
    static void write(List<AnalyzedFrame> frames, String title, Path png) throws IOException {
        XYChart chart = chart(frames, title);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
