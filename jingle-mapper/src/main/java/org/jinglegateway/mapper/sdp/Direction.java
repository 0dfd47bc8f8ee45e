package org.jinglegateway.mapper.sdp;

import java.util.Optional;

/**
 * Media direction, {@code a=sendrecv} / {@code a=sendonly} / {@code a=recvonly} / {@code a=inactive}
 * (RFC 8866 §6.7.1-§6.7.4), at session or media level; also the direction of
 * {@code a=extmap:<id>/<direction>} (RFC 8285 §8).
 */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    /** The allowed tokens, for error messages. */
    public static final String ALLOWED = "sendrecv, sendonly, recvonly, inactive";

    private final String token;

    Direction(String token) {
        this.token = token;
    }

    /** The token as written on the wire. */
    public String token() {
        return token;
    }

    /** The constant for an exact (case-sensitive, as in the grammar) token, or empty. */
    public static Optional<Direction> of(String token) {
        for (Direction v : values()) {
            if (v.token.equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
