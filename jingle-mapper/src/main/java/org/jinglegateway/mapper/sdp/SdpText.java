package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * Validation for free text that ends an SDP line. Besides {@link Checks#lineSafe}, it must not end in a space or
 * tab: the parser strips those ({@link Leniency#TRAILING_WHITESPACE}), so a value ending in one could not be read
 * back as written.
 */
final class SdpText {
    private SdpText() {
    }

    static String lineEnd(String value, String field) {
        Checks.lineSafe(value, field);
        if (!value.isEmpty()) {
            char last = value.charAt(value.length() - 1);
            if (last == ' ' || last == '\t') {
                throw new IllegalArgumentException(field + " must not end with whitespace, found "
                        + Checks.quote(value));
            }
        }
        return value;
    }
}
