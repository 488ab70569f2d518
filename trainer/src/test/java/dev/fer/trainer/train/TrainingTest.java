package dev.fer.trainer.train;

import dev.fer.trainer.data.ClassFolderLoader;
import dev.fer.trainer.data.DatasetCache;
import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.data.FerData;
import dev.fer.trainer.eval.Evaluator;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.model.Networks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A short training run on a small subset of the real FER2013 data learns something; --init continues from it, a student distills it. */
class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void aShortRunOnRealFacesBeatsChanceClearly() throws IOException {
        Path fer = Path.of(System.getProperty("fer.shared", "../shared"), "data", "fer2013");
        assumeTrue(Files.isDirectory(fer.resolve("train")), "FER2013 not found at " + fer);
        var log = new ByteArrayOutputStream();
        // the shared cache location: the real data set is decoded once per machine, not per test run
        var data = new FerData(new ClassFolderLoader(DatasetCache.atDefaultLocation(), 2, new PrintStream(log)));
        FerData.Splits splits = data.loadSplits(fer);
        FaceSet train = splits.train().faces().firstPerClass(200);
        FaceSet validation = splits.validation().faces().firstPerClass(50);
        TrainConfig config = new TrainConfig(Networks.TINY, 4, 32, 2e-3, "adam", "constant", 0, 0, 0, 0, "none",
                "none", 0, 7, null, "none", 0, 0, "", 0);
        Trainer.Result result = new Trainer(config, 2, dir, new PrintStream(log)).train(train, validation, false);
        double accuracy = Evaluator.evaluate(EmotionClassifier.of(result.model()), validation, null)
                .matrix().accuracy();
        // chance is 1/7 = 0.143 on this balanced validation subset of 350 faces (sd 0.019): 0.2 is 3 sd above
        assertTrue(accuracy > 0.2, "validation accuracy " + accuracy + "\n" + log);
        assertTrue(Files.isRegularFile(dir.resolve("history.csv")) && Files.isRegularFile(dir.resolve("training-curves.png")));

        // --init: a second run starts from the first one's best weights (batch norm statistics included)
        Path best = dir.resolve("checkpoint").resolve("best.fer");
        TrainConfig fineTune = new TrainConfig(Networks.TINY, 1, 32, 1e-5, "adam", "constant", 0, 0, 0, 0, "none",
                "none", 0, 7, best.toString(), "none", 0, 0, "", 0);
        var fineLog = new ByteArrayOutputStream();
        new Trainer(fineTune, 2, dir.resolve("fine"), new PrintStream(fineLog)).train(train, validation, false);
        String expected = String.format(Locale.ROOT, "starting from the weights of %s: validation accuracy %.4f",
                best, result.bestAccuracy());
        assertTrue(fineLog.toString().contains(expected), "expected '" + expected + "' in\n" + fineLog);

        // distillation from the first run's best model, with mixup: the teacher's pass is logged and the student learns
        TrainConfig distilled = new TrainConfig(Networks.TINY, 2, 32, 2e-3, "adam", "constant", 0, 0, 0, 0, "none",
                "none", 0, 7, null, "none", 0, 0.2, best.toString(), 0.5);
        var distillLog = new ByteArrayOutputStream();
        Trainer.Result student = new Trainer(distilled, 2, dir.resolve("distilled"), new PrintStream(distillLog))
                .train(train, validation, false);
        assertTrue(distillLog.toString().contains("model " + best) && distillLog.toString().contains("teachers on the training faces"),
                distillLog.toString());
        assertTrue(student.bestAccuracy() > 0.2, "student accuracy " + student.bestAccuracy() + "\n" + distillLog);

        // an inference model has no batch norm left to train: a clear error naming the file
        Path folded = dir.resolve("folded.fer");
        result.model().foldedForInference().save(folded);
        TrainConfig fromFolded = new TrainConfig(Networks.TINY, 1, 32, 1e-5, "adam", "constant", 0, 0, 0, 0, "none",
                "none", 0, 7, folded.toString(), "none", 0, 0, "", 0);
        IOException e = assertThrows(IOException.class, () -> new Trainer(fromFolded, 2, dir.resolve("folded"),
                new PrintStream(new ByteArrayOutputStream())).train(train, validation, false));
        assertTrue(e.getMessage().startsWith(folded + ": --init needs") && e.getMessage().contains("not folded"), e.getMessage());
    }
}
