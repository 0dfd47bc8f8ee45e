package org.jinglegateway.mapper.candidate;

import java.util.Locale;
import java.util.Objects;

/**
 * Transport of an ICE candidate (RFC 8839 §5.1 {@code transport}; XEP-0176 §5.3 {@code protocol}). Open grammar:
 * unknown transports are kept as {@link Other}.
 */
public sealed interface CandidateTransport permits CandidateTransport.Known, CandidateTransport.Other {

    /** The token as written on the wire (lower case for the known ones). */
    String token();

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

    /** A transport token this library does not know, kept as written. */
    record Other(String token) implements CandidateTransport {
        public Other {
            org.jinglegateway.mapper.internal.Checks.token(token, "candidate transport");
        }
    }

    /** Looks a token up case-insensitively (browsers write {@code UDP} and {@code udp}). */
    static CandidateTransport of(String token) {
        Objects.requireNonNull(token, "candidate transport");
        String lower = token.toLowerCase(Locale.ROOT);
        for (Known k : Known.values()) {
            if (k.token.equals(lower)) {
                return k;
            }
        }
        return new Other(token);
    }
}
