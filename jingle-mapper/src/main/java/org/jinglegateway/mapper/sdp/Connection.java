package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). A multicast TTL or address count stays
 * part of {@code address} as written ({@code 233.252.0.1/127}).
 */
public record Connection(String netType, String addrType, String address) {
    public Connection {
        Checks.token(netType, "connection network type");
        Checks.token(addrType, "connection address type");
        Checks.field(address, "connection address");
    }

    /** {@code IN IP4 0.0.0.0}, the placeholder JSEP (RFC 9429 §5.2.1) writes before candidates are known. */
    public static Connection placeholder() {
        return new Connection("IN", "IP4", "0.0.0.0");
    }
}
