package org.jinglegateway.mapper.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} (RFC 3605 §2.1), e.g.
 * {@code a=rtcp:9 IN IP4 0.0.0.0}.
 */
public record Rtcp(int port, Optional<Connection> connection) {
    public Rtcp {
        Checks.range(port, 0, 65535, "rtcp port");
        Objects.requireNonNull(connection, "rtcp connection");
    }
}
