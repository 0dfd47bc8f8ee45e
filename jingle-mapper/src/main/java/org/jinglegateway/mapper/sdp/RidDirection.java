package org.jinglegateway.mapper.sdp;

import java.util.Optional;

/** Direction of an {@code a=rid} line (RFC 8851 §10): {@code send} or {@code recv}. */
public enum RidDirection {
    SEND("send"),
    RECV("recv");

    /** The allowed tokens, for error messages. */
    public static final String ALLOWED = "send, recv";

    private final String token;

    RidDirection(String token) {
        this.token = token;
    }

    /** The token as written on the wire. */
    public String token() {
        return token;
    }

    /** The constant for an exact (case-sensitive, as in the grammar) token, or empty. */
    public static Optional<RidDirection> of(String token) {
        for (RidDirection v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
