package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.sdp.Setup;

/**
 * The XEP-0176 {@code <transport>} of a {@link ContentDraft}, with its XEP-0320 fingerprints and XEP-0343 sctpmap.
 * The DTLS role and the candidate ids are settled when it is built: the role's default depends on whether any was
 * given, and a candidate's id on its place.
 */
final class TransportDraft {
    Optional<String> ufrag = Optional.empty();
    Optional<String> pwd = Optional.empty();
    /** The DTLS role of every fingerprint (XEP-0320 §3), when the SDP gave one. */
    Optional<Setup> setup = Optional.empty();
    /** The fingerprints' hashes and values; each gets the role when built. */
    final List<org.jinglegateway.mapper.sdp.Fingerprint> fingerprints = new ArrayList<>(2);
    final List<IceCandidate> candidates = new ArrayList<>();
    /** The sctpmap's number as written: RFC 8841's a=sctp-port, else the old a=sctpmap's port. */
    Optional<String> sctpPort = Optional.empty();
    Optional<String> legacySctpPort = Optional.empty();
    /** The sctpmap's max-message-size (RFC 8841 §6). */
    Optional<String> maxMessageSize = Optional.empty();

    IceUdpTransport build(String contentName, SectionReading section) {
        Setup role = TowardSdp.settleSetup(setup, section.writer == Role.INITIATOR, "no a=setup", "RFC 8842 §5",
                section.where, section.notes);
        List<Fingerprint> jingleFingerprints = new ArrayList<>(fingerprints.size());
        for (org.jinglegateway.mapper.sdp.Fingerprint f : fingerprints) {
            jingleFingerprints.add(new Fingerprint(f.hash(), Optional.of(role.token()), f.value(), Optional.empty(),
                    List.of()));
        }
        List<IceCandidate> withIds = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            withIds.add(SdpToJingle.forJingle(candidates.get(i), section.notes, section.where)
                    .withId(Optional.of(contentName + "-" + (i + 1))));
        }
        Optional<SctpMap> sctpmap = sctpPort.or(() -> legacySctpPort)
                .map(port -> SctpMapping.toJingle(port, maxMessageSize));
        return new IceUdpTransport(ufrag, pwd, withIds, jingleFingerprints, sctpmap, List.of(), List.of());
    }
}
