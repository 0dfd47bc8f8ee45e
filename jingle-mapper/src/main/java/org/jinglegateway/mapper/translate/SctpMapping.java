package org.jinglegateway.mapper.translate;

import java.util.Optional;
import java.util.OptionalLong;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.internal.Decimals;
import org.jinglegateway.mapper.jingle.SctpMap;

/**
 * WebRTC data channels. Browsers write RFC 8841 {@code a=sctp-port} and {@code a=max-message-size}; Jingle peers
 * (Jicofo, StanzaJS) use the XEP-0343 draft's {@code <sctpmap number protocol='webrtc-datachannel' streams/>} in
 * the ICE transport. We write that form to Jingle peers, with max-message-size as an extra attribute so it
 * survives, and read both.
 */
final class SctpMapping {
    private SctpMapping() {
    }

    /** {@code a=sctp-port} (or the old sctpmap's port) and {@code a=max-message-size} as the XEP-0343 element. */
    static SctpMap toJingle(String port, Optional<String> maxMessageSize) {
        OptionalLong number = Decimals.parse(port.strip());
        if (number.isEmpty() || number.getAsLong() > 65535) {
            throw new IllegalArgumentException("sctp-port must be a port 0-65535, found " + Checks.quote(port));
        }
        return SctpMap.of((int) number.getAsLong(), maxMessageSize);
    }
}
