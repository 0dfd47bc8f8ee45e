package org.jinglegateway.mapper.internal;

import java.util.OptionalLong;

/**
 * Unsigned decimal numbers as SDP and Jingle write them (1 to 18 ASCII digits), read without
 * NumberFormatException. Callers check the range and word the error for their field.
 */
public final class Decimals {
    private Decimals() {
    }

    /** The value, or empty when the text is not 1-18 ASCII digits. */
    public static OptionalLong parse(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return OptionalLong.empty();
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            n = n * 10 + (c - '0');
        }
        return OptionalLong.of(n);
    }
}
