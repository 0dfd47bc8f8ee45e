package org.jinglegateway.mapper.internal;

import java.util.OptionalLong;

/**
 * Unsigned decimal numbers as SDP and Jingle write them (1 to 18 ASCII digits), read without
 * NumberFormatException. Callers check the range and word the error for their field.
 */
public final class Decimals {
    private Decimals() {
    }

    /** The value of {@code s[from, to)}, or -1 when that is not 1-18 ASCII digits: no string, no box. */
    public static long value(CharSequence s, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The value, or empty when the text is not 1-18 ASCII digits. */
    public static OptionalLong parse(String s) {
        long n = value(s, 0, s.length());
        return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    }
}
