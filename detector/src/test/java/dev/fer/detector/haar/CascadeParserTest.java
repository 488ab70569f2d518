package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CascadeParserTest {
    /** Every cascade OpenCV ships loads, with as many stages and features as its text declares. */
    @ParameterizedTest
    @ValueSource(strings = {"haarcascade_eye.xml", "haarcascade_eye_tree_eyeglasses.xml", "haarcascade_frontalcatface.xml",
            "haarcascade_frontalcatface_extended.xml", "haarcascade_frontalface_alt.xml", "haarcascade_frontalface_alt2.xml",
            "haarcascade_frontalface_alt_tree.xml", "haarcascade_frontalface_default.xml", "haarcascade_fullbody.xml",
            "haarcascade_lefteye_2splits.xml", "haarcascade_license_plate_rus_16stages.xml", "haarcascade_lowerbody.xml",
            "haarcascade_profileface.xml", "haarcascade_righteye_2splits.xml", "haarcascade_russian_plate_number.xml",
            "haarcascade_smile.xml", "haarcascade_upperbody.xml", "lbpcascade_frontalcatface.xml",
            "lbpcascade_frontalface.xml", "lbpcascade_frontalface_improved.xml", "lbpcascade_profileface.xml",
            "lbpcascade_silverware.xml"})
    void loadsEveryShippedCascade(String name) throws Exception {
        Cascade c = Cascade.bundled(name);
        String text = resourceText(name);
        boolean old = text.contains("opencv-haar-classifier");
        assertEquals(count(text, old ? "<stage_threshold>" : "<stageThreshold>"), c.stageCount(), "stages");
        assertEquals(name.startsWith("lbp") ? Cascade.FeatureType.LBP : Cascade.FeatureType.HAAR, c.featureType());
        if (!old) {
            assertEquals(Integer.parseInt(first(text, "<width>\\s*(\\d+)")), c.windowWidth());
            assertEquals(Integer.parseInt(first(text, "<height>\\s*(\\d+)")), c.windowHeight());
            int featureCount = name.startsWith("lbp") ? count(text, "<rect>") : count(text, "<rects>");
            assertEquals(featureCount, c.featureCount());
        } else {
            String[] size = first(text, "<size>\\s*(\\d+\\s+\\d+)").split("\\s+");
            assertEquals(Integer.parseInt(size[0]), c.windowWidth());
            assertEquals(Integer.parseInt(size[1]), c.windowHeight());
            assertEquals(count(text, "<rects>"), c.featureCount());
        }
        assertEquals(c.treeNodeCount.length, sum(c.stageTreeCount));
    }

    @Test
    void stageThresholdsAreNarrowedToFloatThenLoweredByOpenCvsEpsilon() throws Exception {
        Cascade c = Cascade.frontalFace();
        String first = first(resourceText(Cascade.DEFAULT_FACE), "<stageThreshold>([^<]+)<");
        assertEquals((float) Double.parseDouble(first) - 1e-5f, c.stageThreshold[0]);
        assertTrue(c.maxNodesPerTree == 1, "the default cascade is made of stumps");
    }

    /** The old format read directly equals the same cascade in the current format. */
    @Test
    void oldFormatReadsLikeTheCurrentFormat() throws Exception {
        Cascade current = Cascade.frontalFace();
        String oldXml = OldFormatWriter.write(current);
        Cascade old = Cascade.load(new ByteArrayInputStream(oldXml.getBytes(StandardCharsets.UTF_8)), "old.xml");
        assertEquals(current.windowWidth, old.windowWidth);
        assertArrayEquals(current.stageThreshold, old.stageThreshold, 1e-6f);
        assertArrayEquals(current.stageTreeCount, old.stageTreeCount);
        assertArrayEquals(current.treeNodeCount, old.treeNodeCount);
        assertArrayEquals(current.nodeThreshold, old.nodeThreshold);
        assertArrayEquals(current.leaves, old.leaves);
        assertArrayEquals(current.nodeLeft, old.nodeLeft);
        assertArrayEquals(current.nodeRight, old.nodeRight);
        for (int n = 0; n < current.nodeFeature.length; n++) {
            Cascade.HaarFeature a = current.haarFeatures[current.nodeFeature[n]];
            Cascade.HaarFeature b = old.haarFeatures[old.nodeFeature[n]];
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.h(), b.h());
            assertArrayEquals(a.weight(), b.weight());
        }
    }

    @Test
    void missingElementNamesItAndItsLine() {
        String xml = """
                <?xml version="1.0"?>
                <opencv_storage>
                <cascade type_id="opencv-cascade-classifier"><stageType>BOOST</stageType>
                  <featureType>HAAR</featureType>
                  <height>24</height>
                  <width>24</width>
                  <featureParams><maxCatCount>0</maxCatCount></featureParams>
                  <stages>
                    <_>
                      <maxWeakCount>1</maxWeakCount>
                      <weakClassifiers>
                        <_><internalNodes>0 -1 0 0.5</internalNodes><leafValues>1 -1</leafValues></_>
                      </weakClassifiers>
                    </_>
                  </stages>
                </cascade>
                </opencv_storage>
                """;
        CascadeFormatException e = assertThrows(CascadeFormatException.class, () -> parse(xml));
        assertTrue(e.getMessage().contains("line 9") && e.getMessage().contains("<stageThreshold>"), e.getMessage());
    }

    @Test
    void badNumbersAndShapesAreNamed() {
        String base = """
                <opencv_storage><cascade><stageType>BOOST</stageType><featureType>HAAR</featureType>
                <height>24</height><width>24</width><featureParams><maxCatCount>0</maxCatCount></featureParams>
                <stages><_><stageThreshold>-1</stageThreshold><weakClassifiers>
                <_><internalNodes>NODES</internalNodes><leafValues>LEAVES</leafValues></_>
                </weakClassifiers></_></stages>
                <features><_><rects><_>RECT</_><_>0 0 2 2 2.</_></rects></_></features></cascade></opencv_storage>
                """;
        String ok = base.replace("NODES", "0 -1 0 0.5").replace("LEAVES", "1 -1").replace("RECT", "0 0 4 4 -1.");
        assertEquals(1, parse(ok).stageCount());
        assertMessage(base.replace("NODES", "0 -1 0 x").replace("LEAVES", "1 -1").replace("RECT", "0 0 4 4 -1."),
                "'x' is not a number");
        assertMessage(base.replace("NODES", "0 -1 0 0.5 1").replace("LEAVES", "1 -1").replace("RECT", "0 0 4 4 -1."),
                "not a multiple of 4");
        assertMessage(base.replace("NODES", "0 -1 0 0.5").replace("LEAVES", "1").replace("RECT", "0 0 4 4 -1."),
                "needs 2");
        assertMessage(base.replace("NODES", "0 -1 7 0.5").replace("LEAVES", "1 -1").replace("RECT", "0 0 4 4 -1."),
                "feature index 7 is out of range");
        assertMessage(base.replace("NODES", "0 -1 0 0.5").replace("LEAVES", "1 -1").replace("RECT", "20 0 8 4 -1."),
                "outside the 24x24 window");
        assertMessage(base.replace("NODES", "0 -1 0 0.5").replace("LEAVES", "1 -1").replace("RECT", "0 0 4 4 -1.")
                .replace("HAAR", "HOG"), "featureType 'HOG' is not supported");
    }

    @Test
    void brokenXmlAndEmptyFilesFailClearly() {
        assertMessage("<opencv_storage><cascade><stageType>BOOST</stageType>\n<featureType>HAAR</cascade>", "line 2");
        assertMessage("", "source.xml");
        assertMessage("<opencv_storage><something/></opencv_storage>", "neither a cascade");
    }

    private static void assertMessage(String xml, String expected) {
        Exception e = assertThrows(CascadeFormatException.class, () -> parse(xml));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
        assertTrue(e.getMessage().startsWith("source.xml"), e.getMessage());
    }

    private static Cascade parse(String xml) {
        try {
            return Cascade.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "source.xml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String resourceText(String name) throws Exception {
        String folder = name.startsWith("lbp") ? "lbpcascades/" : "haarcascades/";
        try (InputStream in = Cascade.class.getResourceAsStream(Cascade.RESOURCE_ROOT + folder + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    /** Writes a stump cascade in the old {@code opencv-haar-classifier} format. */
    static final class OldFormatWriter {
        static String write(Cascade c) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<opencv_storage>\n<old type_id=\"opencv-haar-classifier\">\n");
            sb.append("<size>").append(c.windowWidth).append(' ').append(c.windowHeight).append("</size>\n<stages>\n");
            int tree = 0;
            int node = 0;
            int leaf = 0;
            for (int s = 0; s < c.stageCount(); s++) {
                sb.append("<_><trees>\n");
                for (int t = 0; t < c.stageTreeCount[s]; t++, tree++) {
                    sb.append("<_><_><feature><rects>");
                    Cascade.HaarFeature f = c.haarFeatures[c.nodeFeature[node]];
                    for (int k = 0; k < f.rectCount(); k++) {
                        sb.append("<_>").append(f.x()[k]).append(' ').append(f.y()[k]).append(' ').append(f.w()[k])
                                .append(' ').append(f.h()[k]).append(' ').append(f.weight()[k]).append("</_>");
                    }
                    sb.append("</rects><tilted>").append(f.tilted() ? 1 : 0).append("</tilted></feature>");
                    sb.append(String.format(Locale.ROOT, "<threshold>%.9e</threshold><left_val>%.9e</left_val><right_val>%.9e</right_val></_></_>%n",
                            c.nodeThreshold[node], c.leaves[leaf], c.leaves[leaf + 1]));
                    node++;
                    leaf += 2;
                }
                sb.append(String.format(Locale.ROOT, "</trees><stage_threshold>%.9e</stage_threshold><parent>%d</parent><next>-1</next></_>%n",
                        c.stageThreshold[s] + 1e-5f, s - 1));
            }
            return sb.append("</stages></old></opencv_storage>\n").toString();
        }
    }
}
