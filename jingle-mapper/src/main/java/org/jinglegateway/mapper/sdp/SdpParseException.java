package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.MapperException;

/**
 * An SDP that {@link SdpParser} cannot read, with the place (1-based line and column), the line's text and a caret
 * (STYLE.md §6):
 *
 * <pre>
 * SDP line 14, column 10: a=rtpmap payload type must be 0-127, found "abc"
 *   a=rtpmap:abc opus/48000/2
 *            ^
 * </pre>
 */
public final class SdpParseException extends MapperException {
    private static final long serialVersionUID = 1L;

    /** What was wrong; the label metrics count by. */
    public enum Kind {
        /** The input has no lines at all. */
        EMPTY,
        /** A line is not {@code <type>=<value>} or has a type letter RFC 8866 does not define. */
        MALFORMED_LINE,
        /** A required line is missing or a line is out of RFC 8866 §5 order. */
        LINE_ORDER,
        /** A field is missing from a line. */
        MISSING_FIELD,
        /** A number is not a number or is out of range. */
        BAD_NUMBER,
        /** A value is not in the grammar (bad token, unknown enum value, forbidden character). */
        BAD_VALUE,
        /** An attribute that may appear once appears twice in the same section. */
        DUPLICATE
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final String lineText;
    private final String detail;

    /**
     * @param kind     what was wrong
     * @param line     1-based line number
     * @param column   1-based column of the offending text
     * @param lineText the line as read, without its line end
     * @param detail   what was found and what was expected
     */
    public SdpParseException(Kind kind, int line, int column, String lineText, String detail) {
        super(render(line, column, lineText, detail));
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.lineText = lineText;
        this.detail = detail;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String lineText() {
        return lineText;
    }

    /** The first line of the message without the position: what was found and what was expected. */
    public String detail() {
        return detail;
    }

    private static String render(int line, int column, String lineText, String detail) {
        StringBuilder b = new StringBuilder(detail.length() + 2 * lineText.length() + 40);
        b.append("SDP line ").append(line).append(", column ").append(column).append(": ").append(detail)
                .append("\n  ");
        for (int i = 0; i < lineText.length(); i++) {
            char c = lineText.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        b.append("\n  ");
        for (int i = 1; i < column; i++) {
            b.append(i <= lineText.length() && lineText.charAt(i - 1) == '\t' ? '\t' : ' ');
        }
        return b.append('^').toString();
    }
}
