package org.jinglegateway.mapper.translate;

import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Namespaces;
import org.jinglegateway.mapper.jingle.RawXml;
import org.jinglegateway.mapper.jingle.XmlText;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

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
        Element e = DocumentHelper.createElement(QName.get("sctpmap", Namespaces.DTLS_SCTP));
        e.addAttribute("number", Checks.field(port, "sctp-port"));
        e.addAttribute("protocol", "webrtc-datachannel");
        e.addAttribute("streams", "1024");
        maxMessageSize.ifPresent(m -> e.addAttribute("max-message-size", Checks.field(m, "max-message-size")));
        // the same serialiser as the reader's RawXml, so that equal elements are equal text
        return new RawXml(XmlText.of(e));
    }
}
