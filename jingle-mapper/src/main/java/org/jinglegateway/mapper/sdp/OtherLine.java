package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * A line this model keeps as written, in its place: {@code i=}, {@code u=}, {@code e=}, {@code p=}, {@code r=},
 * {@code z=}, {@code k=} (RFC 8866 §5.4-5.12). WebRTC does not use them; we carry them so nothing is lost.
 */
public record OtherLine(char type, String value) {
    public OtherLine {
        if ("iuepzrk".indexOf(type) < 0) {
            throw new IllegalArgumentException("line type must be one of i, u, e, p, z, r, k, found " + type);
        }
        Checks.lineSafe(value, type + "= value");
    }
}
