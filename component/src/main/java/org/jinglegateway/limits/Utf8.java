package org.jinglegateway.limits;

/** Sizes in UTF-8, what goes on the wire, counted without encoding: the unit of the byte limits. */
public final class Utf8 {
    private Utf8() {
    }

    /** Bytes of the text in UTF-8; a lone surrogate counts as the 3 bytes of a replacement character. */
    public static long length(CharSequence text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
