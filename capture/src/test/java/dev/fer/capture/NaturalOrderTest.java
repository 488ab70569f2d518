package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fer.capture.image.NaturalOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersSortByValueAndLettersIgnoreCase() {
        List<String> names = new ArrayList<>(List.of("img10.png", "IMG2.png", "img1.png", "img02.png", "a.png",
                "img1b.png", "img100.png", "img99999999999999999999.png", "img9.png"));
        names.sort(NaturalOrder::compare);
        assertEquals(List.of("a.png", "img1.png", "img1b.png", "IMG2.png", "img02.png", "img9.png", "img10.png",
                "img100.png", "img99999999999999999999.png"), names);
    }

    @Test
    void itIsAConsistentTotalOrder() {
        List<String> names = List.of("x1", "x01", "X1", "x1y", "x", "x10", "y", "1", "01");
        for (String a : names) {
            assertEquals(0, NaturalOrder.compare(a, a), a);
            for (String b : names) {
                assertEquals(Integer.signum(NaturalOrder.compare(a, b)), -Integer.signum(NaturalOrder.compare(b, a)),
                        a + " vs " + b);
                if (!a.equals(b)) {
                    assertEquals(false, NaturalOrder.compare(a, b) == 0, a + " and " + b + " must not tie");
                }
            }
        }
    }
}
