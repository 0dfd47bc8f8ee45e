package org.jinglegateway.mapper.translate;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Namespaces;
import org.jinglegateway.mapper.jingle.RawXml;

/**
 * WebRTC data channels. Browsers write RFC 8841 {@code a=sctp-port} and {@code a=max-message-size}; Jingle peers
 * (Jicofo, StanzaJS) use the XEP-0343 draft's {@code <sctpmap number protocol='webrtc-datachannel' streams/>} in
 * the ICE transport. We write that form to Jingle peers, with max-message-size as an extra attribute so it
 * survives, and read both.
 */
final class SctpMapping {
    private SctpMapping() {
    }

    static RawXml toElement(String port, Optional<String> maxMessageSize) {
        Checks.field(port, "sctp-port");
        StringBuilder b = new StringBuilder("<sctpmap xmlns=\"").append(Namespaces.DTLS_SCTP)
                .append("\" number=\"").append(port).append("\" protocol=\"webrtc-datachannel\" streams=\"1024\"");
        maxMessageSize.ifPresent(m -> b.append(" max-message-size=\"").append(Checks.field(m, "max-message-size"))
                .append('"'));
        return new RawXml(b.append("/>").toString());
    }
}
