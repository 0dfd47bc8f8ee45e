package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8): {@code AS} and {@code CT} in kbit/s, {@code TIAS} in bit/s
 * (RFC 3890 §6.2), or any other token.
 */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Checks.token(type, "bandwidth type");
        Checks.range(value, 0L, Long.MAX_VALUE, "bandwidth value");
    }
}
