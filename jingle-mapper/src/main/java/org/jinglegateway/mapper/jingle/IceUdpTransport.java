package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * {@code <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag pwd>} (XEP-0176 §5) with candidates, DTLS
 * fingerprints (XEP-0320) and a data channel's {@code <sctpmap>} (XEP-0343). {@code extra} keeps the rest
 * (StanzaJS's gathering-complete, ...).
 */
public record IceUdpTransport(Optional<String> ufrag, Optional<String> pwd, List<IceCandidate> candidates,
                              List<Fingerprint> fingerprints, Optional<SctpMap> sctpmap, List<XmlAttribute> attributes,
                              List<RawXml> extra) {
    public IceUdpTransport {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }

    /** A transport with no data channel. */
    public IceUdpTransport(Optional<String> ufrag, Optional<String> pwd, List<IceCandidate> candidates,
                           List<Fingerprint> fingerprints, List<XmlAttribute> attributes, List<RawXml> extra) {
        this(ufrag, pwd, candidates, fingerprints, Optional.empty(), attributes, extra);
    }

    /** The same transport with other ICE credentials and candidates (a restart), everything else kept. */
    public IceUdpTransport withIce(Optional<String> newUfrag, Optional<String> newPwd,
                                   List<IceCandidate> newCandidates) {
        return new IceUdpTransport(newUfrag, newPwd, newCandidates, fingerprints, sctpmap, attributes, extra);
    }
}
