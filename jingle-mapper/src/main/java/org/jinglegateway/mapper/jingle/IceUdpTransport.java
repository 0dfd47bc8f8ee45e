package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * {@code <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag pwd>} (XEP-0176 §5) with candidates and
 * DTLS fingerprints (XEP-0320). {@code extra} keeps the rest (sctpmap, StanzaJS's gathering-complete, ...).
 */
public record IceUdpTransport(Optional<String> ufrag, Optional<String> pwd, List<IceCandidate> candidates,
                              List<Fingerprint> fingerprints, List<XmlAttribute> attributes, List<RawXml> extra) {
    public IceUdpTransport {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }
}
