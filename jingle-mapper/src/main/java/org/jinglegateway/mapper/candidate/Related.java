package org.jinglegateway.mapper.candidate;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code raddr}/{@code rport} of a candidate (RFC 8839 §5.1) or {@code rel-addr}/{@code rel-port} (XEP-0176 §5.3).
 */
public record Related(String address, int port) {
    public Related {
        Checks.field(address, "related address");
        Checks.range(port, 0, 65535, "related port");
    }
}
