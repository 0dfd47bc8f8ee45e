package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** Decimal numbers without NumberFormatException: a bad one is an IllegalArgumentException naming the field. */
final class Numbers {
    private Numbers() {
    }

    static long parseLong(String s, long min, long max, String field) {
        java.util.OptionalLong parsed = org.jinglegateway.mapper.internal.Decimals.parse(s);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a number " + min + "-" + max + ", found "
                    + Checks.quote(s));
        }
        long n = parsed.getAsLong();
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " must be " + min + "-" + max + ", found " + Checks.quote(s));
        }
        return n;
    }

    /** {@link #parseLong(String, long, long, String)} on {@code s[from, to)}; the string is cut only for an error. */
    static long parseLong(String s, int from, int to, long min, long max, String field) {
        long n = org.jinglegateway.mapper.internal.Decimals.value(s, from, to);
        return n >= min && n <= max ? n : parseLong(s.substring(from, to), min, max, field);
    }

    static int parseInt(String s, int min, int max, String field) {
        return (int) parseLong(s, min, max, field);
    }
}
