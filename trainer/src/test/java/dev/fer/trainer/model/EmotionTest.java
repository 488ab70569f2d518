package dev.fer.trainer.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmotionTest {
    @Test
    void folderNamesMapCaseInsensitivelyWithSynonyms() {
        assertEquals(Emotion.SURPRISE, Emotion.fromName("Surprised"));
        assertEquals(Emotion.ANGRY, Emotion.fromName("anger"));
        assertEquals(Emotion.HAPPY, Emotion.fromName("HAPPY"));
        assertEquals(Emotion.SAD, Emotion.fromName("sadness"));
        assertEquals(Emotion.FEAR, Emotion.fromName("3_fear"));
        assertEquals("disgust", Emotion.DISGUST.label());
        var e = assertThrows(IllegalArgumentException.class, () -> Emotion.fromName("bored"));
        assertTrue(e.getMessage().contains("bored"));
    }

    @Test
    void fer2013LabelsAreRemappedToTheAlphabeticalOrder() {
        assertEquals(Emotion.ANGRY, Emotion.fromFer2013Label(0));
        assertEquals(Emotion.SAD, Emotion.fromFer2013Label(4));
        assertEquals(Emotion.SURPRISE, Emotion.fromFer2013Label(5));
        assertEquals(Emotion.NEUTRAL, Emotion.fromFer2013Label(6));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromFer2013Label(7));
    }
}
