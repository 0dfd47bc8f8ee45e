package org.jinglegateway.logging;

/**
 * Escapes what could break a log line or fool the person reading it: CR, LF, tab and the other C0 and C1 control
 * characters (including NEL), the Unicode line and paragraph separators, and the bidirectional embedding, override
 * and isolate characters (CVE-2021-42574 "Trojan Source"). CR, LF and tab become {@code \r}, {@code \n} and
 * {@code \t}; the rest {@code \}{@code uXXXX}. Everything else, backslashes included, is left as it is.
 */
public final class LogEscape {
    private LogEscape() {
    }

    /** {@code text} with every such character escaped; the same string when there is none. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069';
    }
}
