package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.MapperException;

/**
 * An SDP that cannot be read, with the line, column and text where it went wrong (STYLE.md §6):
 * <pre>
 * SDP line 14, column 10: a=rtpmap payload type must be 0-127, found "abc"
 *   a=rtpmap:abc opus/48000/2
 *            ^
 * </pre>
 */
public final class SdpParseException extends MapperException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for metrics. */
    public enum Kind {
        /** A line is not {@code <type>=<value>}, or a type is out of place. */
        SYNTAX,
        /** A required line is missing. */
        MISSING_LINE,
        /** A field or attribute value is not what its grammar allows. */
        BAD_VALUE
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final String lineText;
    private final String problem;

    public SdpParseException(Kind kind, int line, int column, String lineText, String problem) {
        super(render(line, column, lineText, problem));
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.lineText = lineText;
        this.problem = problem;
    }

    private static String render(int line, int column, String lineText, String problem) {
        if (line <= 0) {
            return "SDP: " + problem;
        }
        return "SDP line " + line + ", column " + column + ": " + problem + "\n  " + printable(lineText) + "\n  "
                + " ".repeat(Math.max(0, column - 1)) + "^";
    }

    /** The echoed line with control characters shown as '?', so a log line stays one line and the caret aligned. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    /** The first line of the message: what a CLI prints. */
    public String singleLine() {
        return line <= 0 ? "SDP: " + problem : "SDP line " + line + ", column " + column + ": " + problem;
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

    public String problem() {
        return problem;
    }
}
