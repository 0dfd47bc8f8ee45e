package org.jinglegateway.mapper.sdp;

/**
 * The only ways the parser accepts input that is not strictly RFC 8866. Each use is reported as a
 * {@link org.jinglegateway.mapper.MappingNote} of kind LENIENCY.
 */
public enum Leniency {
    /** RFC 8866 §5: lines end with CRLF; hand-written and some libraries' SDP ends lines with LF alone. */
    LF_LINE_ENDINGS("lines end with LF instead of CRLF (RFC 8866 §5)"),
    /** RFC 8866 §5 has no empty lines; pasted SDP often has them. They are skipped. */
    BLANK_LINES("blank line skipped (RFC 8866 §5 has none)"),
    /** RFC 8866 §5 forbids whitespace around the '='; trailing spaces after a line are removed. */
    TRAILING_WHITESPACE("trailing whitespace removed (RFC 8866 §5)");

    private final String text;

    Leniency(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
