package org.jinglegateway.mapper.internal;

import java.util.Objects;
import org.jinglegateway.mapper.XmlChars;

/**
 * Validation used by the model records' compact constructors. Failures are {@link IllegalArgumentException}s with
 * a message naming the field, what was found and what was expected; parsers catch them at the place they read the
 * value and rethrow them as their own parse exception with the position, so none escapes a parser.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * An RFC 8866 §9 {@code token}: one or more of the visible ASCII characters except the separators. It is what
     * keeps CR, LF and spaces from ever being injected into an SDP line through a model value.
     */
    public static String token(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must be an SDP token (RFC 8866 §9), found "
                        + quote(value) + " with " + describe(value.charAt(i)) + " at index " + i);
            }
        }
        return value;
    }

    /**
     * Text that fits on one SDP line (RFC 8866 §9 {@code byte-string}/{@code text}: no CR, LF or NUL) and that XML
     * 1.0 can carry (no other C0 control but TAB, no U+FFFE/U+FFFF, no lone surrogate), since every value may end up
     * in a Jingle stanza.
     */
    public static String lineSafe(String value, String field) {
        Objects.requireNonNull(value, field);
        if (!isLineSafe(value)) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException(field + " must not contain " + describe(c) + ", found "
                            + quote(value));
                }
            }
            xmlSafe(value, field);
        }
        return value;
    }

    /** Whether {@link #lineSafe} would accept the value. */
    public static boolean isLineSafe(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20) {
                if (c != '\t') {
                    return false;
                }
            } else if (c >= 0xD800) {
                if (c >= 0xFFFE) {
                    return false;
                }
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Non-empty, no whitespace or control characters: a single SDP field between spaces. Nor any other character
     * XML 1.0 forbids (U+FFFE, U+FFFF, a lone surrogate): the field may become a Jingle attribute.
     */
    public static String field(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException(field + " must not contain " + describe(c) + ", found "
                        + quote(value));
            }
            high |= c >= 0xD800;
        }
        // the loop refused every control: only U+FFFE, U+FFFF or a lone surrogate is left for XML to forbid
        return high ? xmlSafe(value, field) : value;
    }

    /**
     * The value, when XML 1.0 can carry every character of it.
     *
     * @throws IllegalArgumentException "{field} contains U+0001 at index 3, which XML 1.0 forbids"
     */
    public static String xmlSafe(String value, String field) {
        Objects.requireNonNull(value, field);
        int bad = XmlChars.firstForbidden(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(field + " contains " + XmlChars.name(value.charAt(bad)) + " at index "
                    + bad + ", which XML 1.0 forbids");
        }
        return value;
    }

    public static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + "-" + max + ", found " + value);
        }
        return value;
    }

    public static long range(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + "-" + max + ", found " + value);
        }
        return value;
    }

    /** token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E, as two 64-bit masks. */
    private static final long TOKEN_LOW = bits(0x21, 0x21) | bits(0x23, 0x27) | bits(0x2A, 0x2B) | bits(0x2D, 0x2E)
            | bits(0x30, 0x39);
    private static final long TOKEN_HIGH = bits(0x41 - 64, 0x5A - 64) | bits(0x5E - 64, 0x7E - 64);

    private static long bits(int from, int to) {
        long mask = 0;
        for (int i = from; i <= to; i++) {
            mask |= 1L << i;
        }
        return mask;
    }

    public static boolean isTokenChar(char c) {
        return c < 64 ? (TOKEN_LOW >>> c & 1) != 0 : c < 128 && (TOKEN_HIGH >>> (c - 64) & 1) != 0;
    }

    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length() && i < 80; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (value.length() > 80) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case 0 -> "NUL";
            default -> String.format("U+%04X", (int) c);
        };
    }
}
