package org.jinglegateway.mapper.jingle;

import org.jinglegateway.mapper.MapperException;

/**
 * Jingle XML that cannot be read, with the element path where it went wrong (STYLE.md §6), e.g.
 * {@code /jingle/content[2]/transport/candidate[1]/@port: must be 0-65535, found "x"}.
 */
public final class JingleParseException extends MapperException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for metrics. */
    public enum Kind {
        /** Not XML, or XML a peer must not send (DOCTYPE). */
        NOT_XML,
        /** No {@code <jingle>} where one was expected. */
        NOT_JINGLE,
        /** A required attribute is missing. */
        MISSING,
        /** An attribute or text is not what its grammar allows. */
        BAD_VALUE
    }

    private final Kind kind;
    private final String path;

    public JingleParseException(Kind kind, String path, String problem) {
        super(path + ": " + problem);
        this.kind = kind;
        this.path = path;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** Where: {@code /jingle/content[1]/description/payload-type[3]/@id}. */
    public String path() {
        return path;
    }
}
