package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderLoadingTest {
    @TempDir
    Path root;
    @TempDir
    Path cacheDir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private FerData data() {
        return new FerData(new ClassFolderLoader(new DatasetCache(cacheDir), 2, new PrintStream(log)));
    }

    /** Kaggle layout with odd folder names, mixed formats, a corrupt JPEG, a text file, an empty class. */
    private void kaggleLayout(Path base) throws IOException {
        DataFixtures.writeImage(base.resolve("train/Happy/h1.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 10, "png");
        DataFixtures.writeImage(base.resolve("train/Happy/h2.jpg"), 100, 80, BufferedImage.TYPE_INT_RGB, 20, "jpg");
        DataFixtures.writeImage(base.resolve("train/surprised/s1.png"), 48, 48, BufferedImage.TYPE_INT_ARGB, 30, "png");
        DataFixtures.writeImage(base.resolve("train/anger/a1.png"), 60, 60, BufferedImage.TYPE_BYTE_GRAY, 40, "png");
        DataFixtures.writeTruncatedJpeg(base.resolve("train/anger/broken.jpg"), 0.6);
        DataFixtures.writeBytes(base.resolve("train/anger/readme.txt"), "not a face".getBytes());
        Files.createDirectories(base.resolve("train/disgust"));
        DataFixtures.writeImage(base.resolve("validation/sad/v1.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 50, "png");
        DataFixtures.writeImage(base.resolve("validation/NEUTRAL/v2.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 60, "png");
    }

    @Test
    void loadsTheKaggleLayoutSkippingAndCountingBadInput() throws IOException {
        kaggleLayout(root);
        FerData.Splits splits = data().loadSplits(root);
        FaceSet train = splits.train().faces();
        assertEquals(4, train.size());
        // fixed order: class, then file name
        assertEquals(Emotion.ANGRY, train.label(0));
        assertEquals(Emotion.HAPPY, train.label(1));
        assertEquals(Emotion.HAPPY, train.label(2));
        assertEquals(Emotion.SURPRISE, train.label(3));
        assertEquals(40, train.pixels()[0] & 0xFF);
        assertEquals(10, train.pixels()[FaceSet.FACE_PIXELS] & 0xFF);
        LoadSummary summary = splits.train().summary();
        assertEquals(4, summary.loaded());
        assertEquals(1, summary.skipped(ClassFolderLoader.CORRUPT));
        assertEquals(1, summary.skipped(ClassFolderLoader.NOT_IMAGE));
        assertEquals(1, summary.skipped(ClassFolderLoader.EMPTY_CLASS));
        assertTrue(summary.toString().contains("broken.jpg"), summary.toString());
        assertEquals(2, splits.validation().faces().size());
        assertTrue(log.toString().contains("decoding train"), "progress shown");
    }

    @Test
    void findsTheSplitsUnderImagesAndATestFolder() throws IOException {
        DataFixtures.writeImage(root.resolve("images/train/fear/f.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 5, "png");
        DataFixtures.writeImage(root.resolve("images/test/fear/g.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 6, "png");
        FerData.Splits splits = data().loadSplits(root);
        assertEquals(1, splits.train().faces().size());
        assertEquals(6, splits.validation().faces().pixels()[0]);
    }

    @Test
    void secondLoadComesFromTheCacheAndAChangedFolderDoesNot() throws IOException {
        kaggleLayout(root);
        FaceSet first = data().loadSplits(root).train().faces();
        var again = data().loadSplits(root).train();
        assertTrue(again.summary().fromCache());
        assertArrayEquals(first.pixels(), again.faces().pixels());
        assertArrayEquals(first.labels(), again.faces().labels());
        assertEquals(1, again.summary().skipped(ClassFolderLoader.CORRUPT), "the summary survives the cache");

        Path changed = root.resolve("train/Happy/h1.png");
        DataFixtures.writeImage(changed, 48, 48, BufferedImage.TYPE_BYTE_GRAY, 99, "png");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        var reloaded = data().loadSplits(root).train();
        assertFalse(reloaded.summary().fromCache());
        assertEquals(99, reloaded.faces().pixels()[FaceSet.FACE_PIXELS] & 0xFF);
    }

    @Test
    void unknownClassFolderIsAClearError() throws IOException {
        kaggleLayout(root);
        Files.createDirectories(root.resolve("train/bored"));
        var e = assertThrows(IOException.class, () -> data().loadSplits(root));
        assertTrue(e.getMessage().contains("bored") && e.getMessage().contains("unknown class"), e.getMessage());
    }

    @Test
    void missingSplitsAreClearErrors() throws IOException {
        var none = assertThrows(IOException.class, () -> data().loadSplits(root));
        assertTrue(none.getMessage().contains("no training data"), none.getMessage());
        DataFixtures.writeImage(root.resolve("train/sad/x.png"), 48, 48, BufferedImage.TYPE_BYTE_GRAY, 1, "png");
        var noValidation = assertThrows(IOException.class, () -> data().loadSplits(root));
        assertTrue(noValidation.getMessage().contains("missing validation split"), noValidation.getMessage());
    }

    @Test
    void evaluationTakesAClassFolderOrTheValidationSplit() throws IOException {
        kaggleLayout(root);
        assertEquals(2, data().loadEvaluationSet(root).faces().size());
        assertEquals(4, data().loadEvaluationSet(root.resolve("train")).faces().size());
    }
}
