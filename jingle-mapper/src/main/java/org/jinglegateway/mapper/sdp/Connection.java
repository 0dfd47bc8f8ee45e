package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/** {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7), e.g. {@code c=IN IP4 0.0.0.0}. */
public record Connection(String netType, String addrType, String address) {
    public Connection {
        Checks.field(netType, "c= nettype");
        Checks.field(addrType, "c= addrtype");
        Checks.field(address, "c= connection-address");
    }

    @Override
    public String toString() {
        return netType + " " + addrType + " " + address;
    }
}
