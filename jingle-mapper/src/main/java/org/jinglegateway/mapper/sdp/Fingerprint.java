package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** {@code a=fingerprint:<hash function> <fingerprint>} (RFC 8122 §5); XEP-0320 {@code <fingerprint hash>}. */
public record Fingerprint(String hash, String value) {
    public Fingerprint {
        Checks.token(hash, "fingerprint hash function");
        Checks.field(value, "fingerprint");
    }

    public static Fingerprint parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint needs <hash function> <fingerprint>, found "
                    + Checks.quote(value));
        }
        return new Fingerprint(value.substring(0, space), value.substring(space + 1));
    }

    public String toValue() {
        return hash + " " + value;
    }
}
