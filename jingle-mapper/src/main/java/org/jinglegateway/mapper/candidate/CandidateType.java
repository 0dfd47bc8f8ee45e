package org.jinglegateway.mapper.candidate;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code typ} of an ICE candidate (RFC 8839 §5.1 {@code cand-type}; XEP-0176 §5.3 {@code type}). The grammar is
 * open ({@code token}), so an unknown type is kept as {@link Other}.
 */
public sealed interface CandidateType permits CandidateType.Known, CandidateType.Other {

    /** The token as written on the wire. */
    String token();

    /** The four types RFC 8445 §5.1.1 defines. */
    enum Known implements CandidateType {
        HOST("host"), SRFLX("srflx"), PRFLX("prflx"), RELAY("relay");

        private final String token;

        Known(String token) {
            this.token = token;
        }

        @Override
        public String token() {
            return token;
        }
    }

    /** A type token this library does not know, kept as written. */
    record Other(String token) implements CandidateType {
        public Other {
            org.jinglegateway.mapper.internal.Checks.token(token, "candidate type");
        }
    }

    /** Looks a token up; case-insensitive for the known ones, as RFC 8839's tokens are. */
    static CandidateType of(String token) {
        Objects.requireNonNull(token, "candidate type");
        for (Known k : Known.values()) {
            if (k.token.equals(token.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        return new Other(token);
    }
}
