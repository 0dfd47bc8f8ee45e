package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** Decimal numbers without NumberFormatException: a bad one is an IllegalArgumentException naming the field. */
final class Numbers {
    private Numbers() {
    }

    static long parseLong(String s, long min, long max, String field) {
        if (s.isEmpty() || s.length() > 18) {
            throw new IllegalArgumentException(field + " must be a number " + min + "-" + max + ", found "
                    + Checks.quote(s));
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(field + " must be a number " + min + "-" + max + ", found "
                        + Checks.quote(s));
            }
            n = n * 10 + (c - '0');
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " must be " + min + "-" + max + ", found " + Checks.quote(s));
        }
        return n;
    }

    static int parseInt(String s, int min, int max, String field) {
        return (int) parseLong(s, min, max, field);
    }
}
