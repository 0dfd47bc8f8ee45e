package org.jinglegateway.mapper;

import java.util.Locale;

/**
 * XML 1.0 §2.2's {@code Char}: {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}. A
 * character outside it can be neither written nor escaped, so an XMPP server closes the stream that carries one.
 * The one definition the mapper (where values enter), the browser frame decoder and the outgoing stanza check share.
 */
public final class XmlChars {
    private XmlChars() {
    }

    /** Whether a code point (a decoded character reference, say) is an XML 1.0 Char. */
    public static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /**
     * The index of the first character XML 1.0 forbids in {@code s[from, to)}: a C0 control other than TAB, LF and CR,
     * U+FFFE, U+FFFF, or a surrogate that is not half of a pair; -1 when there is none.
     */
    public static int firstForbidden(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c >= 0xD800) {
                if (c >= 0xFFFE) {
                    return i;
                }
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@link #firstForbidden(CharSequence, int, int)} over the whole text. */
    public static int firstForbidden(CharSequence s) {
        return firstForbidden(s, 0, s.length());
    }

    /** How a forbidden character is named in messages: {@code U+0001}, {@code a lone surrogate U+D800}. */
    public static String name(int c) {
        String code = "U+" + String.format(Locale.ROOT, "%04X", c);
        return c >= 0xD800 && c <= 0xDFFF ? "a lone surrogate " + code : code;
    }
}
