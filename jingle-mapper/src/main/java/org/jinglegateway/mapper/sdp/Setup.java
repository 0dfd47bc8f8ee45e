package org.jinglegateway.mapper.sdp;

import java.util.Optional;

/** DTLS role, {@code a=setup:actpass} (RFC 8842 §5.1, values from RFC 4145 §4). */
public enum Setup {
    ACTPASS("actpass"),
    ACTIVE("active"),
    PASSIVE("passive"),
    HOLDCONN("holdconn");

    /** The allowed tokens, for error messages. */
    public static final String ALLOWED = "actpass, active, passive, holdconn";

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    /** The token as written on the wire. */
    public String token() {
        return token;
    }

    /** The constant for an exact (case-sensitive, as in the grammar) token, or empty. */
    public static Optional<Setup> of(String token) {
        for (Setup v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
