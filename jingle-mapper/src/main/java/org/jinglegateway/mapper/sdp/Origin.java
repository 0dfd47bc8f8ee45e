package org.jinglegateway.mapper.sdp;

import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 8866 §5.2).
 * The session id and version are kept as the digit strings written, since browsers use values up to 2^63 and the
 * translation only copies and increments them.
 *
 * @param username       {@code -} when there is none
 * @param sessionId      1*DIGIT
 * @param sessionVersion 1*DIGIT
 * @param netType        {@code IN}
 * @param addrType       {@code IP4} or {@code IP6}
 * @param address        the unicast address or host name
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {
    public Origin {
        Checks.field(username, "origin username");
        digits(sessionId, "origin session id");
        digits(sessionVersion, "origin session version");
        Checks.token(netType, "origin network type");
        Checks.token(addrType, "origin address type");
        Checks.field(address, "origin address");
    }

    /** The origin browsers write: {@code o=- <id> <version> IN IP4 127.0.0.1}. */
    public static Origin of(String sessionId, String sessionVersion) {
        return new Origin("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");
    }

    public Origin withSessionVersion(String newVersion) {
        return new Origin(username, sessionId, newVersion, netType, addrType, address);
    }

    private static void digits(String value, String field) {
        Checks.field(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(field + " must be digits, found " + Checks.quote(value));
            }
        }
    }
}
