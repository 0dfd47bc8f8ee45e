package org.jinglegateway.mapper.candidate;

import java.util.Optional;

/** {@code tcptype} of a TCP candidate (RFC 6544 §4.5). XEP-0176 has no counterpart. */
public enum TcpType {
    ACTIVE("active"), PASSIVE("passive"), SO("so");

    private final String token;

    TcpType(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The type for a token, or empty when the token is not one of RFC 6544's three. */
    public static Optional<TcpType> of(String token) {
        for (TcpType t : values()) {
            if (t.token.equals(token)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
