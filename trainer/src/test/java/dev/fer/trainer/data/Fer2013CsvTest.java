package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Fer2013CsvTest {
    @TempDir
    Path dir;

    private static String pixels(int value, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : " ").append(i == 0 ? value : (value + i) % 256);
        }
        return sb.toString();
    }

    @Test
    void readsTheSplitsRemapsLabelsAndSkipsBadRows() throws IOException {
        String csv = String.join("\n",
                "emotion,pixels,Usage",
                "6," + pixels(11, 2304) + ",Training",         // 6 = neutral in fer2013's numbering
                "4," + pixels(12, 2304) + ",Training",         // 4 = sad
                "3," + pixels(13, 2304) + ",PublicTest",
                "5," + pixels(14, 2304) + ",PrivateTest",
                "9," + pixels(15, 2304) + ",Training",         // bad label
                "2," + pixels(16, 2000) + ",Training",         // too few pixels
                "2," + pixels(17, 2304).replace(" 20 ", " 2x0 ") + ",Training", // garbage
                "1," + pixels(18, 2304) + ",Elsewhere",        // unknown usage
                "1,1 2 3",                                      // missing cell
                "") + "\n";
        Path file = dir.resolve("fer2013.csv");
        Files.writeString(file, csv);
        var splits = Fer2013Csv.read(file);
        FaceSet train = splits.get(Fer2013Csv.Usage.TRAINING).faces();
        assertEquals(2, train.size());
        assertEquals(Emotion.NEUTRAL, train.label(0));
        assertEquals(Emotion.SAD, train.label(1));
        assertEquals(11, train.pixels()[0]);
        assertEquals(12, train.pixels()[1]);
        assertEquals(Emotion.HAPPY, splits.get(Fer2013Csv.Usage.PUBLIC_TEST).faces().label(0));
        assertEquals(Emotion.SURPRISE, splits.get(Fer2013Csv.Usage.PRIVATE_TEST).faces().label(0));
        assertEquals(5, splits.get(Fer2013Csv.Usage.TRAINING).summary().skipped(Fer2013Csv.BAD_ROW));

        // FerData finds the CSV inside a folder and takes PublicTest as validation
        var data = new FerData(new ClassFolderLoader(new DatasetCache(dir.resolve("cache")), 1,
                new PrintStream(new ByteArrayOutputStream())));
        var viaFolder = data.loadSplits(dir);
        assertEquals(2, viaFolder.train().faces().size());
        assertEquals(1, viaFolder.validation().faces().size());
    }

    @Test
    void aMissingColumnIsAClearError() throws IOException {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "label,pixels\n1,2\n");
        var e = assertThrows(IOException.class, () -> Fer2013Csv.read(file));
        assertTrue(e.getMessage().contains("'emotion'"), e.getMessage());
    }
}
