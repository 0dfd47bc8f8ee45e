package org.jinglegateway.mapper.sdp;

/**
 * The deviations from RFC 8866 that {@link SdpParser} accepts. Each use is reported as a
 * {@link org.jinglegateway.mapper.MappingNote.Kind#LENIENCY} note, once per kind, naming the first line where it
 * applied and how many lines it applied to.
 */
public enum Leniency {
    /** Lines ended by LF alone. RFC 8866 §5 allows parsers to accept this. */
    LF_LINE_ENDS("lines end with LF instead of CRLF (RFC 8866 §5 https://www.rfc-editor.org/rfc/rfc8866#section-5)"),
    /** The last line has no line end (common after JSON transport). */
    MISSING_FINAL_LINE_END("the last line has no CRLF (RFC 8866 §5 https://www.rfc-editor.org/rfc/rfc8866#section-5)"),
    /** Empty lines, skipped. */
    BLANK_LINES("empty lines were skipped (RFC 8866 §5 https://www.rfc-editor.org/rfc/rfc8866#section-5)"),
    /** Spaces or tabs at the end of a line, removed. */
    TRAILING_WHITESPACE("trailing whitespace was removed (RFC 8866 §9 "
            + "https://www.rfc-editor.org/rfc/rfc8866#section-9)"),
    /** Spaces after a {@code ;} in {@code a=fmtp}, not kept (the writer writes a bare {@code ;}). */
    FMTP_SPACE_AFTER_SEMICOLON("spaces after \";\" in a=fmtp were dropped (RFC 8866 §6.15 "
            + "https://www.rfc-editor.org/rfc/rfc8866#section-6.15)"),
    /** The old draft form {@code a=simulcast: send rid=h;m} (draft-ietf-mmusic-sdp-simulcast-04 §6.1). */
    SIMULCAST_DRAFT_RID_PREFIX("the draft a=simulcast form with \"rid=\" was read as RFC 8853 "
            + "(https://www.rfc-editor.org/rfc/rfc8853#section-5.1)");

    private final String description;

    Leniency(String description) {
        this.description = description;
    }

    /** One sentence with the spec link, used as the note text. */
    public String description() {
        return description;
    }
}
