package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5, used by RFC 8842 §5), e.g. {@code sha-256 AB:..}. */
public record Fingerprint(String hashFunction, String value) {
    public Fingerprint {
        Checks.token(hashFunction, "fingerprint hash function");
        Checks.field(value, "fingerprint");
    }
}
