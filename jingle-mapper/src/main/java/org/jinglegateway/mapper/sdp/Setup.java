package org.jinglegateway.mapper.sdp;

/** {@code a=setup} (RFC 8842 §4, RFC 4145 §4); XEP-0320 {@code <fingerprint setup=...>}. */
public enum Setup {
    ACTPASS("actpass"), ACTIVE("active"), PASSIVE("passive"), HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The role for a token; an unknown one is refused with the allowed values. */
    public static Setup of(String token) {
        for (Setup s : values()) {
            if (s.token.equals(token)) {
                return s;
            }
        }
        throw new IllegalArgumentException("setup must be one of actpass, active, passive, holdconn, found "
                + org.jinglegateway.mapper.internal.Checks.quote(token));
    }
}
