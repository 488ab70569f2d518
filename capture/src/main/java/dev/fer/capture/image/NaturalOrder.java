package dev.fer.capture.image;

/**
 * File-name order with numbers compared by value, so {@code frame2.png} comes before
 * {@code frame10.png} as a frame sequence needs; otherwise case-insensitive, then exact.
 */
public final class NaturalOrder {
    private NaturalOrder() {}

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares digit runs of any length by value; equal values with more leading zeros sort later. */
    private static int compareNumbers(String x, String y) {
        String tx = x.replaceFirst("^0+(?=.)", "");
        String ty = y.replaceFirst("^0+(?=.)", "");
        if (tx.length() != ty.length()) {
            return Integer.compare(tx.length(), ty.length());
        }
        int byDigits = tx.compareTo(ty);
        return byDigits != 0 ? byDigits : Integer.compare(x.length(), y.length());
    }
}
