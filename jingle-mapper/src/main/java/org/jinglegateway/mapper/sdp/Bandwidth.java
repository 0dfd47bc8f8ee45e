package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8): {@code AS} in kbit/s, {@code TIAS} (RFC 3890) in bit/s,
 * {@code CT}, or another token. XEP-0167 §5 {@code <bandwidth type='AS'>128</bandwidth>}.
 */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Checks.token(type, "b= bwtype");
        Checks.range(value, 0, Long.MAX_VALUE, "b= bandwidth");
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
