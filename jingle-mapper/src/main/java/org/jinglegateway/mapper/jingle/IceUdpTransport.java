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

    /** A transport with nothing in it yet: add credentials and candidates with {@link #withIce}. */
    public static IceUdpTransport empty() {
        return new IceUdpTransport(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(),
                List.of(), List.of());
    }

    public IceUdpTransport withCandidates(List<IceCandidate> newCandidates) {
        return new IceUdpTransport(ufrag, pwd, newCandidates, fingerprints, sctpmap, attributes, extra);
    }

    public IceUdpTransport withFingerprints(List<Fingerprint> newFingerprints) {
        return new IceUdpTransport(ufrag, pwd, candidates, newFingerprints, sctpmap, attributes, extra);
    }

    public IceUdpTransport withSctpmap(Optional<SctpMap> newSctpmap) {
        return new IceUdpTransport(ufrag, pwd, candidates, fingerprints, newSctpmap, attributes, extra);
    }

    public IceUdpTransport withAttributes(List<XmlAttribute> newAttributes) {
        return new IceUdpTransport(ufrag, pwd, candidates, fingerprints, sctpmap, newAttributes, extra);
    }

    public IceUdpTransport withExtra(List<RawXml> newExtra) {
        return new IceUdpTransport(ufrag, pwd, candidates, fingerprints, sctpmap, attributes, newExtra);
    }
}
