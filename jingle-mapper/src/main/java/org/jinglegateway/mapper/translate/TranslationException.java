package org.jinglegateway.mapper.translate;

import org.jinglegateway.mapper.MapperException;

/** Input that parses but cannot be translated, with the content (name or mid) it concerns. */
public final class TranslationException extends MapperException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for metrics. */
    public enum Kind {
        /** A value the other side cannot carry safely (e.g. CR/LF or spaces in a token bound for SDP). */
        UNSAFE_VALUE,
        /** Something the translation needs is missing (e.g. a candidate's sdpMid). */
        MISSING,
        /** A peer offers only what a browser cannot take (e.g. SDES-only or plain RTP). */
        UNSUPPORTED
    }

    private final Kind kind;

    public TranslationException(Kind kind, String where, String problem) {
        super(where + ": " + problem);
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
