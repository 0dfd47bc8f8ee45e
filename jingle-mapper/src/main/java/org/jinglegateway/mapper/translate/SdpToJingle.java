package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
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
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.AttributeViews;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.sdp.TypedSdp;

/**
 * An SDP offer or answer to a Jingle action: offer -> session-initiate, answer -> session-accept (or any action
 * the caller names). Each section's attributes are read in one pass, each by its {@link MappingTable} row; what has
 * no row is left out with a DROPPED note, and defaults applied are DEFAULTED notes. docs/mapping.md records each
 * decision.
 */
public final class SdpToJingle {
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

    /** Translates a description, parsing each attribute value it reads (see the typed overload). */
    public static Parsed<Jingle> translate(SessionDescription sdp, Request request) {
        return translate(sdp, null, request);
    }

    /** Translates a description with the typed views its parse already made: no value is parsed again. */
    public static Parsed<Jingle> translate(TypedSdp typed, Request request) {
        return translate(typed.sdp(), typed, request);
    }

    private static Parsed<Jingle> translate(SessionDescription sdp, TypedSdp typed, Request request) {
        List<MappingNote> notes = new ArrayList<>();
        SectionReading session = read(sdp.attributes(), typed == null ? null : typed.sessionViews(),
                AttributeRow.Level.SESSION, false,
                new SectionReading("session", request.writer(), notes));
        Set<String> mids = new HashSet<>();
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
            String where = "content \"" + name + "\"";
            try {
                SectionReading media = read(m.attributes(), typed == null ? null : typed.mediaViews().get(i),
                        AttributeRow.Level.MEDIA, m.protocol().contains("SCTP"),
                        new SectionReading(where, request.writer(), notes));
                contents.add(content(m, name, request, media, session));
            } catch (IllegalArgumentException e) {
                // a value the SDP parser let through but Jingle cannot carry (e.g. an empty a=max-message-size)
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, e.getMessage());
            }
        }
        for (org.jinglegateway.mapper.sdp.Bandwidth b : sdp.bandwidths()) {
            notes.add(new MappingNote(MappingNote.Kind.DROPPED, "session", "b=" + b.type() + " at session level has"
                    + " no Jingle counterpart (XEP-0167 <bandwidth> belongs to one description)"));
        }
        List<ContentGroup> groups = new ArrayList<>();
        for (Group g : session.groups) {
            groups.add(new ContentGroup(g.semantics(), g.mids()));
        }
        Jingle jingle = new Jingle(request.action(), request.sid(), request.initiator(), request.responder(),
                contents, groups, Optional.empty(), List.of());
        return new Parsed<>(jingle, notes);
    }

    /**
     * One pass over a section's attributes: each goes to its table row with its typed view (made here when the
     * parser's are not at hand), or is dropped with a note.
     */
    private static SectionReading read(List<Attribute> attributes, List<Object> views, AttributeRow.Level level,
                                       boolean data, SectionReading section) {
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            AttributeRow row = MappingTable.reader(a.name(), level);
            // a row for the other kind of m-line (a=sctp-port on RTP, a=ssrc on SCTP) has nothing to fill, and
            // JingleToSdp would never write it back: dropped with its note
            if (row == null || (level == AttributeRow.Level.MEDIA && !row.media().covers(data))) {
                section.dropped(a.name());
            } else {
                row.toJingle().read(section, a, views == null ? AttributeViews.view(a) : views.get(i));
            }
        }
        return section;
    }

    private static Content content(MediaDescription m, String name, Request request, SectionReading media,
                                   SectionReading session) {
        Direction direction = media.direction.or(() -> session.direction).orElse(Direction.SENDRECV);
        boolean sctp = m.protocol().contains("SCTP");
        if (sctp && direction != Direction.SENDRECV) {
            // RFC 8841 gives a data channel m-line no direction, and JingleToSdp writes none back
            media.notes.add(new MappingNote(MappingNote.Kind.DROPPED, media.where, "a=" + direction.token()
                    + " on a data channel m-line (RFC 8841 has no direction there)"));
            direction = Direction.SENDRECV;
        }
        Senders senders = SendersTable.senders(request.writer(), direction);
        Creator creator = request.action() == JingleAction.CONTENT_ADD ? request.writer().creator()
                : Creator.INITIATOR;
        RtpDescription description = sctp ? new RtpDescription(m.media(), Optional.empty(), List.of(), List.of(),
                false, List.of(), OptionalInt.empty(), List.of(), false, List.of(), List.of(), List.of(), List.of())
                : description(m, media, session);
        return new Content(creator, name, Optional.empty(),
                senders == Senders.BOTH ? Optional.empty() : Optional.of(senders), Optional.of(description),
                Optional.of(transport(name, request.writer() == Role.INITIATOR, media, session)), List.of(),
                List.of());
    }

    private static RtpDescription description(MediaDescription m, SectionReading media, SectionReading session) {
        OptionalInt ptime = MappingTable.number(media.ptime);
        OptionalInt maxptime = MappingTable.number(media.maxptime);
        List<PayloadType> payloads = new ArrayList<>(m.formats().size());
        for (String format : m.formats()) {
            OptionalInt parsedPt = MappingTable.number(Optional.of(format));
            if (parsedPt.isEmpty() || parsedPt.getAsInt() > 127) {
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, media.where,
                        "an RTP m-line format must be a payload type 0-127, found \"" + format + "\"");
            }
            int pt = parsedPt.getAsInt();
            RtpMap r = media.rtpmaps.get(pt);
            List<Parameter> parameters = new ArrayList<>();
            Fmtp f = media.fmtps.get(format);
            if (f != null) {
                for (Fmtp.Param p : f.params()) {
                    // a value-only token (telephone-event 0-15, RED 111/111) is written with an empty name
                    parameters.add(Parameter.of(p.name().orElse(""), p.value()));
                }
            }
            Feedback fb = feedback(media.feedback.getOrDefault(format, List.of()));
            payloads.add(new PayloadType(pt, Optional.ofNullable(r).map(RtpMap::encoding),
                    r == null ? OptionalLong.empty() : OptionalLong.of(r.clockRate()),
                    r == null ? OptionalInt.empty() : r.channels(), ptime, maxptime, parameters, fb.feedback(),
                    fb.trrInt(), List.of(), List.of()));
        }
        Feedback wildcard = feedback(media.feedback.getOrDefault("*", List.of()));
        List<HeaderExtension> hdrexts = new ArrayList<>();
        for (ExtMap e : media.extmaps) {
            // Firefox's a=extmap:<id>/<direction>: the direction is the SDP writer's, senders the session's
            hdrexts.add(new HeaderExtension(e.id(), e.uri(), e.direction().map(d -> SendersTable.senders(
                    media.writer, d)), List.of()));
        }
        List<Bandwidth> bandwidths = m.bandwidths().stream()
                .map(b -> new Bandwidth(b.type(), String.valueOf(b.value()))).toList();
        // RFC 4568 §9: RTP/SAVP(F) without DTLS means SRTP keyed by SDES only, so the keys are required
        List<RawXml> extra = media.cryptos.isEmpty() ? List.of()
                : List.of(SdesMapping.toElement(media.cryptos, !m.protocol().contains("TLS")));
        return new RtpDescription(m.media(), Optional.empty(), payloads, bandwidths, media.rtcpMux,
                wildcard.feedback(), wildcard.trrInt(), hdrexts, media.extmapAllowMixed || session.extmapAllowMixed,
                sources(media), media.ssrcGroups.stream().map(g -> new SourceGroup(g.semantics(), g.ssrcs()))
                        .toList(), List.of(), extra);
    }

    /** A payload type's (or the {@code *}) rtcp-fb lines: trr-int is its own XEP-0293 element. */
    private record Feedback(List<RtcpFeedback> feedback, OptionalInt trrInt) {
    }

    private static Feedback feedback(List<RtcpFb> lines) {
        List<RtcpFeedback> feedback = new ArrayList<>(lines.size());
        OptionalInt trrInt = OptionalInt.empty();
        for (RtcpFb fb : lines) {
            if (fb.type().equals("trr-int")) {
                trrInt = MappingTable.number(fb.subtype());
            } else {
                feedback.add(new RtcpFeedback(fb.type(), fb.subtype()));
            }
        }
        return new Feedback(feedback, trrInt);
    }

    /** XEP-0339 sources from a=ssrc lines; a media-level a=msid fills in a source's missing msid parameter. */
    private static List<Source> sources(SectionReading media) {
        if (media.msid.isPresent() && media.sources.isEmpty()) {
            media.notes.add(new MappingNote(MappingNote.Kind.DROPPED, media.where, "a=msid without a=ssrc lines:"
                    + " XEP-0339 carries msid as a parameter of a <source>, and there is none"));
        }
        List<Source> sources = new ArrayList<>(media.sources.size());
        for (Map.Entry<Long, List<Parameter>> e : media.sources.entrySet()) {
            List<Parameter> params = e.getValue();
            if (media.msid.isPresent() && params.stream().noneMatch(p -> p.name().equals("msid"))) {
                params.add(Parameter.of("msid", media.msid.get()));
            }
            sources.add(new Source(e.getKey(), params, List.of(), List.of()));
        }
        return sources;
    }

    private static IceUdpTransport transport(String name, boolean offer, SectionReading media,
                                             SectionReading session) {
        String where = media.where;
        Setup setup = MappingTable.settleSetup(media.setup.or(() -> session.setup), offer, "no a=setup",
                "RFC 8842 §5", where, media.notes);
        List<Fingerprint> fingerprints = new ArrayList<>();
        for (org.jinglegateway.mapper.sdp.Fingerprint f : media.fingerprints.isEmpty() ? session.fingerprints
                : media.fingerprints) {
            fingerprints.add(new Fingerprint(f.hash(), Optional.of(setup.token()), f.value(), Optional.empty(),
                    List.of()));
        }
        List<IceCandidate> candidates = new ArrayList<>(media.candidates.size());
        for (int i = 0; i < media.candidates.size(); i++) {
            candidates.add(xmlSafe(media.candidates.get(i), media.notes, where)
                    .withId(Optional.of(name + "-" + (i + 1))));
        }
        Optional<SctpMap> sctpmap = media.sctpPort.or(() -> media.sctpmapPort)
                .map(port -> SctpMapping.toJingle(port, media.maxMessageSize));
        return new IceUdpTransport(media.ufrag.or(() -> session.ufrag), media.pwd.or(() -> session.pwd), candidates,
                fingerprints, sctpmap, List.of(), List.of());
    }

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


    private static boolean carriable(org.jinglegateway.mapper.candidate.ExtensionPair x) {
        return isXmlName(x.name()) && !IceCandidate.XML_ATTRIBUTES.contains(x.name());
    }

    /** {@code [A-Za-z_][A-Za-z0-9._-]*}: the ASCII XML names an extra {@code <candidate/>} attribute may take. */
    private static boolean isXmlName(String name) {
        // the JDK's StAX readers refuse longer names (jdk.xml.maxXMLNameLimit), so ours could not read it back
        if (name.isEmpty() || name.length() > 1000) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }
}
