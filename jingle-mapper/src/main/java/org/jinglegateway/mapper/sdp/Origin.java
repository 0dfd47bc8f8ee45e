package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 8866 §5.2). The ids
 * stay strings: browsers write 64-bit values that overflow a signed long.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {
    public Origin {
        Checks.field(username, "o= username");
        Checks.field(sessionId, "o= sess-id");
        Checks.field(sessionVersion, "o= sess-version");
        Checks.field(netType, "o= nettype");
        Checks.field(addrType, "o= addrtype");
        Checks.field(address, "o= unicast-address");
    }

    @Override
    public String toString() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
