package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Bandwidth;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RawXml;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.sdp.Ssrc;
import org.jinglegateway.mapper.sdp.SsrcGroup;

/**
 * An SDP offer or answer to a Jingle action: offer -> session-initiate, answer -> session-accept (or any action
 * the caller names). What has no Jingle counterpart is left out with a DROPPED note; defaults applied are
 * DEFAULTED notes. docs/mapping.md records each decision.
 */
public final class SdpToJingle {
    /** Attributes this translation reads at media level; any other one gets a DROPPED note. */
    private static final Set<String> MEDIA_READ = Set.of("mid", "sendrecv", "sendonly", "recvonly", "inactive",
            "rtpmap", "fmtp", "rtcp-fb", "extmap", "extmap-allow-mixed", "ssrc", "ssrc-group", "msid", "rtcp-mux",
            "ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "setup", "candidate", "sctp-port",
            "max-message-size", "sctpmap", "ptime", "maxptime", "rtcp", "bundle-only", "crypto");
    private static final Set<String> SESSION_READ = Set.of("group", "msid-semantic", "ice-ufrag", "ice-pwd",
            "ice-options", "fingerprint", "setup", "extmap-allow-mixed", "sendrecv", "sendonly", "recvonly",
            "inactive");

    /**
     * What the SDP is and who wrote it.
     *
     * @param action    the Jingle action to produce
     * @param sid       the Jingle session id
     * @param writer    who wrote the SDP: the initiator for an offer, the responder for an answer
     * @param initiator the initiator's full JID, when it goes into the element
     * @param responder the responder's full JID, when it goes into the element
     */
    public record Request(JingleAction action, String sid, Role writer, Optional<String> initiator,
                          Optional<String> responder) {
        /** An offer from the initiator as session-initiate. */
        public static Request offer(String sid) {
            return new Request(JingleAction.SESSION_INITIATE, sid, Role.INITIATOR, Optional.empty(),
                    Optional.empty());
        }

        /** An answer from the responder as session-accept. */
        public static Request answer(String sid) {
            return new Request(JingleAction.SESSION_ACCEPT, sid, Role.RESPONDER, Optional.empty(),
                    Optional.empty());
        }
    }

    private SdpToJingle() {
    }

    public static Parsed<Jingle> translate(SessionDescription sdp, Request request) {
        List<MappingNote> notes = new ArrayList<>();
        boolean offer = request.writer() == Role.INITIATOR;
        for (Attribute a : sdp.attributes()) {
            if (!SESSION_READ.contains(a.name())) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, "session", "a=" + a.name()
                        + " has no Jingle counterpart"));
            }
        }
        java.util.Set<String> mids = new java.util.HashSet<>();
        for (MediaDescription m : sdp.media()) {
            if (m.mid().isPresent() && !mids.add(m.mid().get())) {
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "a=mid:" + m.mid().get(),
                        "a mid must be unique in a description (RFC 8843 §7.2.1)");
            }
        }
        List<Content> contents = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            String name = m.mid().orElse(String.valueOf(i));
            for (int n = 1; m.mid().isEmpty() && mids.contains(name); n++) {
                name = i + "-" + n;
            }
            if (m.mid().isEmpty()) {
                mids.add(name);
                notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, "m-line " + i, "no a=mid: content named \""
                        + name + "\" after its index"));
            }
            if (m.port() == 0 && !m.has("bundle-only")) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, "content \"" + name + "\"",
                        "m-line rejected with port 0 (RFC 8866 §5.14): no content"));
                continue;
            }
            try {
                contents.add(content(sdp, m, name, request, offer, notes));
            } catch (IllegalArgumentException e) {
                // a value the SDP parser let through but Jingle cannot carry (e.g. an empty a=max-message-size)
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "content \"" + name + "\"",
                        e.getMessage());
            }
        }
        List<ContentGroup> groups = new ArrayList<>();
        for (Group g : sdp.all("group", Group::parse)) {
            groups.add(new ContentGroup(g.semantics(), g.mids()));
        }
        Jingle jingle = new Jingle(request.action(), request.sid(), request.initiator(), request.responder(),
                contents, groups, Optional.empty(), List.of());
        return new Parsed<>(jingle, notes);
    }

    private static Content content(SessionDescription sdp, MediaDescription m, String name, Request request,
                                   boolean offer, List<MappingNote> notes) {
        String where = "content \"" + name + "\"";
        for (Attribute a : m.attributes()) {
            if (!MEDIA_READ.contains(a.name())) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "a=" + a.name()
                        + " has no Jingle counterpart"));
            }
        }
        Direction direction = direction(m.attributes()).or(() -> direction(sdp.attributes()))
                .orElse(Direction.SENDRECV);
        Senders senders = SendersTable.senders(request.writer(), direction);
        Creator creator = request.action() == JingleAction.CONTENT_ADD ? request.writer().creator()
                : Creator.INITIATOR;
        boolean sctp = m.protocol().contains("SCTP");
        RtpDescription description = sctp ? new RtpDescription(m.media(), Optional.empty(), List.of(), List.of(),
                false, List.of(), OptionalInt.empty(), List.of(), false, List.of(), List.of(), List.of(), List.of())
                : description(sdp, m, request.writer(), notes, where);
        return new Content(creator, name, Optional.empty(),
                senders == Senders.BOTH ? Optional.empty() : Optional.of(senders), Optional.of(description),
                Optional.of(transport(sdp, m, name, offer, notes, where)), List.of(), List.of());
    }

    private static Optional<Direction> direction(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            Optional<Direction> d = Direction.find(a.name());
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static RtpDescription description(SessionDescription sdp, MediaDescription m, Role writer,
                                              List<MappingNote> notes, String where) {
        Map<Integer, RtpMap> rtpmaps = new LinkedHashMap<>();
        m.all("rtpmap", RtpMap::parse).forEach(r -> rtpmaps.put(r.payloadType(), r));
        Map<String, Fmtp> fmtps = new LinkedHashMap<>();
        m.all("fmtp", Fmtp::parse).forEach(f -> fmtps.put(f.format(), f));
        List<RtcpFb> fbs = m.all("rtcp-fb", RtcpFb::parse);
        // grouped once: Chrome's video m-line has ~23 payload types and ~60 rtcp-fb lines
        Map<String, List<RtcpFb>> fbByPayload = new java.util.HashMap<>();
        for (RtcpFb fb : fbs) {
            fbByPayload.computeIfAbsent(fb.payload(), k -> new ArrayList<>()).add(fb);
        }
        OptionalInt ptime = number(m.value("ptime"));
        OptionalInt maxptime = number(m.value("maxptime"));
        List<PayloadType> payloads = new ArrayList<>();
        for (String format : m.formats()) {
            OptionalInt parsedPt = number(Optional.of(format));
            if (parsedPt.isEmpty() || parsedPt.getAsInt() > 127) {
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where,
                        "an RTP m-line format must be a payload type 0-127, found \"" + format + "\"");
            }
            int pt = parsedPt.getAsInt();
            RtpMap r = rtpmaps.get(pt);
            List<Parameter> parameters = new ArrayList<>();
            Fmtp f = fmtps.get(format);
            if (f != null) {
                for (Fmtp.Param p : f.params()) {
                    // a value-only token (telephone-event 0-15, RED 111/111) is written with an empty name
                    parameters.add(Parameter.of(p.name().orElse(""), p.value()));
                }
            }
            List<RtcpFeedback> feedback = new ArrayList<>();
            OptionalInt trrInt = OptionalInt.empty();
            for (RtcpFb fb : fbByPayload.getOrDefault(format, List.of())) {
                if (fb.type().equals("trr-int")) {
                    trrInt = number(fb.subtype());
                } else {
                    feedback.add(new RtcpFeedback(fb.type(), fb.subtype()));
                }
            }
            payloads.add(new PayloadType(pt, Optional.ofNullable(r).map(RtpMap::encoding),
                    r == null ? OptionalLong.empty() : OptionalLong.of(r.clockRate()),
                    r == null ? OptionalInt.empty() : r.channels(), ptime, maxptime, parameters, feedback, trrInt,
                    List.of(), List.of()));
        }
        List<RtcpFeedback> wildcard = new ArrayList<>();
        OptionalInt wildcardTrr = OptionalInt.empty();
        for (RtcpFb fb : fbByPayload.getOrDefault("*", List.of())) {
            if (fb.type().equals("trr-int")) {
                wildcardTrr = number(fb.subtype());
            } else {
                wildcard.add(new RtcpFeedback(fb.type(), fb.subtype()));
            }
        }
        List<HeaderExtension> hdrexts = new ArrayList<>();
        for (ExtMap e : m.all("extmap", ExtMap::parse)) {
            // Firefox's a=extmap:<id>/<direction>: the direction is the SDP writer's, senders the session's
            hdrexts.add(new HeaderExtension(e.id(), e.uri(), e.direction().map(d -> SendersTable.senders(writer, d)),
                    List.of()));
            if (e.attributes().isPresent()) {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "extmap " + e.id()
                        + " extension attributes have no XEP-0294 counterpart"));
            }
        }
        List<Bandwidth> bandwidths = m.bandwidths().stream()
                .map(b -> new Bandwidth(b.type(), String.valueOf(b.value()))).toList();
        List<Crypto> cryptos = m.all("crypto", Crypto::parse);
        // RFC 4568 §9: RTP/SAVP(F) without DTLS means SRTP keyed by SDES only, so the keys are required
        List<RawXml> extra = cryptos.isEmpty() ? List.of()
                : List.of(SdesMapping.toElement(cryptos, !m.protocol().contains("TLS")));
        return new RtpDescription(m.media(), Optional.empty(), payloads, bandwidths, m.has("rtcp-mux"), wildcard,
                wildcardTrr, hdrexts, m.has("extmap-allow-mixed") || sdp.has("extmap-allow-mixed"),
                sources(m), m.all("ssrc-group", SsrcGroup::parse).stream()
                        .map(g -> new SourceGroup(g.semantics(), g.ssrcs())).toList(), List.of(), extra);
    }

    /** XEP-0339 sources from a=ssrc lines; a media-level a=msid fills in a source's missing msid parameter. */
    private static List<Source> sources(MediaDescription m) {
        Map<Long, List<Parameter>> bySsrc = new LinkedHashMap<>();
        for (Ssrc s : m.all("ssrc", Ssrc::parse)) {
            bySsrc.computeIfAbsent(s.ssrc(), k -> new ArrayList<>()).add(new Parameter(s.attribute(), s.value()));
        }
        Optional<String> msid = m.value("msid");
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<Long, List<Parameter>> e : bySsrc.entrySet()) {
            List<Parameter> params = e.getValue();
            if (msid.isPresent() && params.stream().noneMatch(p -> p.name().equals("msid"))) {
                params.add(Parameter.of("msid", msid.get()));
            }
            sources.add(new Source(e.getKey(), params, List.of(), List.of()));
        }
        return sources;
    }

    private static IceUdpTransport transport(SessionDescription sdp, MediaDescription m, String name, boolean offer,
                                             List<MappingNote> notes, String where) {
        Optional<String> ufrag = m.value("ice-ufrag").or(() -> sdp.value("ice-ufrag"));
        Optional<String> pwd = m.value("ice-pwd").or(() -> sdp.value("ice-pwd"));
        Optional<String> setupValue = m.value("setup").or(() -> sdp.value("setup"));
        Setup setup;
        if (setupValue.isEmpty()) {
            setup = offer ? Setup.ACTPASS : Setup.ACTIVE;
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, where, "no a=setup: " + setup.token()
                    + " (RFC 8842 §5 default for " + (offer ? "offers" : "answers") + ")"));
        } else {
            setup = Setup.of(setupValue.get());
            if (!offer && setup == Setup.ACTPASS) {
                setup = Setup.ACTIVE;
                notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, where,
                        "an answer may not be actpass (RFC 8842 §5.3): active"));
            }
        }
        List<String> fingerprintValues = m.all("fingerprint", v -> v);
        if (fingerprintValues.isEmpty()) {
            fingerprintValues = sdp.all("fingerprint", v -> v);
        }
        List<Fingerprint> fingerprints = new ArrayList<>();
        for (String v : fingerprintValues) {
            org.jinglegateway.mapper.sdp.Fingerprint f = org.jinglegateway.mapper.sdp.Fingerprint.parse(v);
            fingerprints.add(new Fingerprint(f.hash(), Optional.of(setup.token()), f.value(), Optional.empty(),
                    List.of()));
        }
        List<IceCandidate> candidates = new ArrayList<>();
        List<String> lines = m.all("candidate", v -> v);
        for (int i = 0; i < lines.size(); i++) {
            candidates.add(xmlSafe(CandidateParser.parseAttributeValue(lines.get(i)), notes, where)
                    .withId(Optional.of(name + "-" + (i + 1))));
        }
        List<RawXml> extra = new ArrayList<>();
        Optional<String> sctpPort = m.value("sctp-port").or(() -> m.value("sctpmap").map(v -> v.split(" ")[0]));
        if (sctpPort.isPresent()) {
            extra.add(SctpMapping.toElement(sctpPort.get(), m.value("max-message-size")));
        }
        return new IceUdpTransport(ufrag, pwd, candidates, fingerprints, List.of(), extra);
    }

    private static final java.util.regex.Pattern XML_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9._-]*");

    /**
     * Candidate extensions travel as extra {@code <candidate/>} attributes (lossless); one whose name is not an XML
     * name cannot, and is dropped with a note.
     */
    static IceCandidate xmlSafe(IceCandidate c, List<MappingNote> notes, String where) {
        if (c.extensions().stream().allMatch(SdpToJingle::carriable)) {
            return c;
        }
        List<org.jinglegateway.mapper.candidate.ExtensionPair> kept = new ArrayList<>();
        for (org.jinglegateway.mapper.candidate.ExtensionPair x : c.extensions()) {
            if (carriable(x)) {
                kept.add(x);
            } else {
                notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "candidate extension \"" + x.name()
                        + "\" is not an XML name or is an XEP-0176 attribute's, so no <candidate/> attribute can"
                        + " carry it"));
            }
        }
        return new IceCandidate(c.foundation(), c.component(), c.transport(), c.priority(), c.address(), c.port(),
                c.type(), c.related(), c.tcpType(), c.generation(), c.network(), c.id(), kept);
    }

    private static final Set<String> XEP0176_ATTRIBUTES = Set.of("component", "foundation", "generation", "id",
            "ip", "network", "port", "priority", "protocol", "rel-addr", "rel-port", "type", "tcptype");

    private static boolean carriable(org.jinglegateway.mapper.candidate.ExtensionPair x) {
        return XML_NAME.matcher(x.name()).matches() && !XEP0176_ATTRIBUTES.contains(x.name());
    }

    private static OptionalInt number(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        java.util.OptionalLong n = org.jinglegateway.mapper.internal.Decimals.parse(value.get().strip());
        return n.isPresent() && n.getAsLong() <= Integer.MAX_VALUE ? OptionalInt.of((int) n.getAsLong())
                : OptionalInt.empty();
    }
}
