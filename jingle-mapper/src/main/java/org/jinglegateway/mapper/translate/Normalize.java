package org.jinglegateway.mapper.translate;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.sdp.SessionDescription;

/**
 * The one normalisation used to compare round trips (STYLE.md §5).
 * <ul>
 * <li>{@link #sdp}: two SDPs are the same when they translate to the same Jingle, i.e. agree on everything a Jingle
 * peer can be told.</li>
 * <li>{@link #jingle}: a Jingle without what SDP cannot carry: initiator/responder, reason, disposition, elements
 * and attributes the model keeps raw (except sctpmap), candidate ids (SDP has none; they are renewed), the
 * description's ssrc attribute, the fingerprint's {@code required}; value-only fmtp tokens in their canonical
 * form ({@code name=""}); senders='both' written out or not; sources without parameters (no a=ssrc line can carry
 * them), ssrc-group members without a source completed as {@link SourceGroups} does; the creator of the session's
 * own contents as XEP-0166 §7.3 defines it (lib-jitsi-meet writes responder in session-accept).</li>
 * </ul>
 */
public final class Normalize {
    private Normalize() {
    }

    public static Jingle sdp(SessionDescription sdp, SdpToJingle.Request request) {
        return SdpToJingle.translate(sdp, request).value();
    }

    public static Jingle jingle(Jingle j) {
        return Jingle.of(j.action(), j.sid()).withContents(j.contents().stream().map(Normalize::content).toList())
                .withGroups(j.groups());
    }

    private static Content content(Content c) {
        return Content.of(org.jinglegateway.mapper.jingle.Creator.INITIATOR, c.name())
                .withSenders(c.senders().filter(s -> s != org.jinglegateway.mapper.jingle.Senders.BOTH))
                .withDescription(Optional.of(c.description().map(Normalize::description)
                        .orElseGet(() -> RtpDescription.of("application"))))
                .withTransport(c.transport().map(Normalize::transport));
    }

    private static RtpDescription description(RtpDescription d) {
        d = SourceGroups.complete(d, "", new java.util.ArrayList<>());
        return d.withSsrc(Optional.empty()).withPayloadTypes(d.payloadTypes().stream().map(Normalize::payload)
                .toList()).withSources(d.sources().stream().filter(s -> !s.parameters().isEmpty())
                        .map(s -> s.withAttributes(List.of()).withExtra(List.of())).toList())
                .withAttributes(List.of()).withExtra(List.of());
    }

    private static PayloadType payload(PayloadType p) {
        List<Parameter> params = JingleToSdp.fmtpParams(p.parameters()).stream()
                .map(f -> Parameter.of(f.name().orElse(""), f.value())).toList();
        return p.withParameters(params).withAttributes(List.of()).withExtra(List.of());
    }

    private static IceUdpTransport transport(IceUdpTransport t) {
        List<IceCandidate> candidates = t.candidates().stream().map(c -> c.withId(Optional.empty())).toList();
        List<Fingerprint> fingerprints = t.fingerprints().stream()
                .map(f -> f.withRequired(Optional.empty()).withAttributes(List.of())).toList();
        // sctpmap compared by port and max-message-size; 'streams' means nothing to WebRTC (RFC 8841)
        Optional<SctpMap> sctp = t.sctpmap().map(m -> SctpMap.of(m.number(), m.maxMessageSize()));
        return t.withCandidates(candidates).withFingerprints(fingerprints).withSctpmap(sctp)
                .withAttributes(List.of()).withExtra(List.of());
    }
}
