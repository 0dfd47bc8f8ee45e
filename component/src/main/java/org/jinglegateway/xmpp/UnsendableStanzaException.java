package org.jinglegateway.xmpp;

/**
 * A stanza the XMPP server would refuse, so it was never written: it is larger than {@code xmpp.max-outgoing-bytes}
 * (Prosody closes a component stream whose stanza passes its limit, 512 KiB in 0.12) or holds a character that XML
 * 1.0 forbids (§2.2: control characters, U+FFFE/U+FFFF, lone surrogates), which would make the whole stream
 * not well-formed. Thrown synchronously by the send, so the caller can fail just the one call that needed it. The
 * message names the limit or character and the kind of stanza, never its content.
 */
public final class UnsendableStanzaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the stanza cannot go out. */
    public enum Problem {
        /** Larger than {@code xmpp.max-outgoing-bytes}. */
        TOO_LARGE,
        /** Holds a character that XML 1.0 forbids. */
        FORBIDDEN_CHARACTER
    }

    private final Problem problem;
    private final String kind;

    public UnsendableStanzaException(Problem problem, String kind, String message) {
        super(message);
        this.problem = problem;
        this.kind = kind;
    }

    public Problem problem() {
        return problem;
    }

    /** The kind of stanza, such as {@code iq set jingle (urn:xmpp:jingle:1)}. */
    public String kind() {
        return kind;
    }
}
