package org.jinglegateway.mapper.candidate;

import java.util.Objects;

/**
 * Transport of an ICE candidate (RFC 8839 §5.1 {@code transport}; XEP-0176 §5.3 {@code protocol}). Open grammar:
 * unknown transports are kept as {@link Other}.
 */
public sealed interface CandidateTransport permits CandidateTransport.Known, CandidateTransport.Other {

    /** The token as written on the wire. */
    String token();

    /** UDP, however the peer spelled it (Firefox writes {@code UDP}, Chrome {@code udp}). */
    default boolean isUdp() {
        return token().equalsIgnoreCase("udp");
    }

    /** TCP (RFC 6544), however the peer spelled it. */
    default boolean isTcp() {
        return token().equalsIgnoreCase("tcp");
    }

    /** UDP (RFC 8445) and TCP (RFC 6544). */
    enum Known implements CandidateTransport {
        UDP("udp"), TCP("tcp");

        private final String token;

        Known(String token) {
            this.token = token;
        }

        @Override
        public String token() {
            return token;
        }
    }

    /** A transport token written in another case than ours, or one this library does not know, kept as written. */
    record Other(String token) implements CandidateTransport {
        public Other {
            org.jinglegateway.mapper.internal.Checks.token(token, "candidate transport");
        }
    }

    /**
     * Looks a token up. The spelling is kept (an upper-case {@code UDP} stays {@link Other} and writes back as it
     * came); use {@link #isUdp()} and {@link #isTcp()} to compare.
     */
    static CandidateTransport of(String token) {
        Objects.requireNonNull(token, "candidate transport");
        for (Known k : Known.values()) {
            if (k.token.equals(token)) {
                return k;
            }
        }
        return new Other(token);
    }
}
