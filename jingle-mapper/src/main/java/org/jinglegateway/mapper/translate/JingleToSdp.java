package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.Namespaces;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RawXml;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Bandwidth;
import org.jinglegateway.mapper.sdp.Connection;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.Origin;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.sdp.Setup;

/**
 * A Jingle session-initiate (or content-add) to an SDP offer, a session-accept to an answer. Every token that goes
 * from the XML into an SDP line is checked against the SDP grammar first, so no CR, LF or stray space can be
 * injected through a Jingle attribute; a bad one is a {@link TranslationException} naming the content.
 */
public final class JingleToSdp {
    private static final int MAX_MID_LENGTH = 16;

    private JingleToSdp() {
    }

    /**
     * Translates.
     *
     * @param jingle the action
     * @param writer who sent it: the initiator for session-initiate, the responder for session-accept
     */
    public static Parsed<SessionDescription> translate(Jingle jingle, Role writer) throws TranslationException {
        List<MappingNote> notes = new ArrayList<>();
        boolean offer = writer == Role.INITIATOR;
        SessionDescription.Builder b = SessionDescription.builder(new Origin("-",
                Integer.toUnsignedString(jingle.sid().hashCode()), "2", "IN", "IP4", "0.0.0.0"));
        List<String> mids = mids(jingle, notes);
        if (!jingle.groups().isEmpty()) {
            for (ContentGroup g : jingle.groups()) {
                List<String> groupMids = new ArrayList<>();
                for (String name : g.contents()) {
                    int index = indexOf(jingle, name);
                    groupMids.add(index >= 0 ? mids.get(index) : token(name, "group content", "session"));
                }
                b.attribute(Attribute.of("group", token(g.semantics(), "group semantics", "session")
                        + groupMids.stream().map(m -> " " + m).reduce("", String::concat)));
            }
        } else if (!jingle.contents().isEmpty()) {
            // Dino sends no XEP-0338 group; browsers need BUNDLE to share one transport
            b.attribute(Attribute.of("group", "BUNDLE" + mids.stream().map(m -> " " + m).reduce("", String::concat)));
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, "session",
                    "no XEP-0338 group: a=group:BUNDLE of every content"));
        }
        b.attribute(Attribute.of("msid-semantic", " WMS *"));
        for (int i = 0; i < jingle.contents().size(); i++) {
            b.media(media(jingle.contents().get(i), mids.get(i), writer, offer, notes));
        }
        return new Parsed<>(b.build(), notes);
    }

    private static int indexOf(Jingle jingle, String name) {
        for (int i = 0; i < jingle.contents().size(); i++) {
            if (jingle.contents().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One mid per content. A content name is its mid when libwebrtc accepts it (a token of at most 16 characters);
     * otherwise c<index>, made unique against every other mid. Content names must be unique (XEP-0166 §7.3): two
     * m-lines with one mid is an SDP no browser takes.
     */
    static List<String> mids(Jingle jingle, List<MappingNote> notes) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Content c : jingle.contents()) {
            if (!names.add(c.name())) {
                throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, "content "
                        + Checks.quote(c.name()), "content names must be unique in a session (XEP-0166 §7.3)");
            }
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Content c : jingle.contents()) {
            if (usableMid(c.name())) {
                used.add(c.name());
            }
        }
        List<String> mids = new ArrayList<>();
        for (int i = 0; i < jingle.contents().size(); i++) {
            String name = jingle.contents().get(i).name();
            if (usableMid(name)) {
                mids.add(name);
                continue;
            }
            String mid = "c" + i;
            for (int n = 1; used.contains(mid); n++) {
                mid = "c" + i + "-" + n;
            }
            used.add(mid);
            mids.add(mid);
            notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, "content " + Checks.quote(name),
                    "not a usable mid (a token of at most 16 characters): a=mid:" + mid));
        }
        return mids;
    }

    private static boolean usableMid(String name) {
        return !name.isEmpty() && name.length() <= MAX_MID_LENGTH && name.chars().allMatch(c ->
                Checks.isTokenChar((char) c));
    }

    private static MediaDescription media(Content c, String mid, Role writer, boolean offer,
                                          List<MappingNote> notes) {
        String where = "content \"" + c.name() + "\"";
        IceUdpTransport t = c.transport().orElseThrow(() -> new TranslationException(
                TranslationException.Kind.MISSING, where, "a content needs an ICE-UDP <transport>"));
        Optional<Element> sctpmap = sctpmap(t);
        // StanzaJS sends a data channel content with an sctpmap and no <description>
        RtpDescription d = c.description().orElseGet(() -> sctpmap.map(s -> new RtpDescription("application",
                Optional.empty(), List.of(), List.of(), false, List.of(), java.util.OptionalInt.empty(), List.of(),
                false, List.of(), List.of(), List.of(), List.of())).orElseThrow(() -> new TranslationException(
                TranslationException.Kind.MISSING, where, "a content needs an RTP <description> (or, for a data"
                + " channel, an <sctpmap>) to become an m-line")));
        boolean data = d.payloadTypes().isEmpty() && (sctpmap.isPresent() || "application".equals(d.media()));
        List<String> formats = data ? List.of("webrtc-datachannel")
                : d.payloadTypes().stream().map(p -> String.valueOf(p.id())).toList();
        String protocol = data ? "UDP/DTLS/SCTP" : t.fingerprints().isEmpty() ? "RTP/AVPF" : "UDP/TLS/RTP/SAVPF";
        List<Attribute> a = new ArrayList<>();
        try {
            t.ufrag().ifPresent(u -> a.add(Attribute.of("ice-ufrag", Checks.field(u, "ufrag"))));
            t.pwd().ifPresent(p -> a.add(Attribute.of("ice-pwd", Checks.field(p, "pwd"))));
            a.add(Attribute.of("ice-options", "trickle"));
            fingerprints(t, offer, a, notes, where);
            a.add(Attribute.of("mid", mid));
            if (!data) {
                rtp(d, c, writer, a);
            } else {
                // without an sctpmap no a=sctp-port: RFC 8841 §5 makes 5000 the default, so nothing is invented
                Element s = sctpmap.orElse(null);
                if (s != null) {
                    a.add(Attribute.of("sctp-port", Checks.field(s.attributeValue("number", "5000"),
                            "sctpmap number")));
                }
                if (s != null && s.attributeValue("max-message-size") != null) {
                    a.add(Attribute.of("max-message-size", Checks.field(s.attributeValue("max-message-size"),
                            "max-message-size")));
                }
            }
            for (IceCandidate cand : t.candidates()) {
                a.add(Attribute.of("candidate", CandidateWriter.attributeValue(cand)));
            }
            List<Bandwidth> bandwidths = new ArrayList<>();
            for (org.jinglegateway.mapper.jingle.Bandwidth bw : d.bandwidths()) {
                bandwidths.add(new Bandwidth(token(bw.type(), "bandwidth type", where), number(bw.value(),
                        "bandwidth", where)));
            }
            return MediaDescription.of(token(d.media(), "media", where), 9, protocol, formats)
                    .withConnection(Optional.of(new Connection("IN", "IP4", "0.0.0.0")))
                    .withBandwidths(bandwidths).withAttributes(a);
        } catch (IllegalArgumentException e) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, e.getMessage());
        }
    }

    private static void fingerprints(IceUdpTransport t, boolean offer, List<Attribute> a, List<MappingNote> notes,
                                     String where) {
        Optional<String> setupToken = Optional.empty();
        for (Fingerprint f : t.fingerprints()) {
            a.add(Attribute.of("fingerprint", token(f.hash(), "fingerprint hash", where) + " "
                    + Checks.field(f.value(), "fingerprint")));
            setupToken = setupToken.or(f::setup);
        }
        if (t.fingerprints().isEmpty()) {
            return;
        }
        Setup setup;
        if (setupToken.isEmpty()) {
            setup = offer ? Setup.ACTPASS : Setup.ACTIVE;
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, where, "no setup on the fingerprint: "
                    + setup.token() + " (XEP-0320 §3, RFC 8842 §5 default for " + (offer ? "offers" : "answers")
                    + ")"));
        } else {
            setup = Setup.of(setupToken.get());
            if (!offer && setup == Setup.ACTPASS) {
                setup = Setup.ACTIVE;
                notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, where,
                        "an answer may not be actpass (RFC 8842 §5.3): active"));
            }
        }
        a.add(Attribute.of("setup", setup.token()));
    }

    private static void rtp(RtpDescription d, Content c, Role writer, List<Attribute> a) {
        String where = "content \"" + c.name() + "\"";
        for (HeaderExtension h : d.headerExtensions()) {
            Optional<Direction> dir = h.senders().filter(s -> s != Senders.BOTH)
                    .map(s -> SendersTable.direction(writer, s));
            a.add(Attribute.of("extmap", new ExtMap(h.id(), dir, Checks.field(h.uri(), "rtp-hdrext uri"),
                    Optional.empty()).toValue()));
        }
        if (d.extmapAllowMixed()) {
            a.add(Attribute.flag("extmap-allow-mixed"));
        }
        a.add(Attribute.flag(SendersTable.direction(writer, c.senders().orElse(Senders.BOTH)).token()));
        d.sources().stream().flatMap(s -> s.parameters().stream()).filter(p -> p.name().equals("msid"))
                .findFirst().flatMap(Parameter::value).ifPresent(msid -> a.add(Attribute.of("msid", msid(msid,
                        where))));
        if (d.rtcpMux()) {
            a.add(Attribute.flag("rtcp-mux"));
        }
        a.addAll(SdesMapping.toAttributes(d.extra(), where));
        for (RtcpFeedback f : d.feedback()) {
            a.add(Attribute.of("rtcp-fb", "* " + feedback(f, where)));
        }
        d.trrInt().ifPresent(v -> a.add(Attribute.of("rtcp-fb", "* trr-int " + v)));
        for (PayloadType p : d.payloadTypes()) {
            if (p.name().isPresent() && p.clockrate().isPresent()) {
                a.add(Attribute.of("rtpmap", new RtpMap(p.id(), p.name().get(), p.clockrate().getAsLong(),
                        p.channels()).toValue()));
            }
            for (RtcpFeedback f : p.feedback()) {
                a.add(Attribute.of("rtcp-fb", p.id() + " " + feedback(f, where)));
            }
            p.trrInt().ifPresent(v -> a.add(Attribute.of("rtcp-fb", p.id() + " trr-int " + v)));
            if (!p.parameters().isEmpty()) {
                a.add(Attribute.of("fmtp", new Fmtp(String.valueOf(p.id()), fmtpParams(p.parameters())).toValue()));
            }
        }
        d.payloadTypes().stream().filter(p -> p.ptime().isPresent()).findFirst()
                .ifPresent(p -> a.add(Attribute.of("ptime", String.valueOf(p.ptime().getAsInt()))));
        d.payloadTypes().stream().filter(p -> p.maxptime().isPresent()).findFirst()
                .ifPresent(p -> a.add(Attribute.of("maxptime", String.valueOf(p.maxptime().getAsInt()))));
        for (SourceGroup g : d.sourceGroups()) {
            a.add(Attribute.of("ssrc-group", token(g.semantics(), "ssrc-group semantics", where)
                    + g.ssrcs().stream().map(s -> " " + s).reduce("", String::concat)));
        }
        for (Source s : d.sources()) {
            for (Parameter p : s.parameters()) {
                a.add(Attribute.of("ssrc", s.ssrc() + " " + Checks.field(p.name(), "source parameter name")
                        + p.value().map(v -> ":" + Checks.lineSafe(v, "source parameter value")).orElse("")));
            }
        }
    }

    /**
     * XEP-0167 parameters to fmtp. {@code name=""} with a value (lib-jitsi-meet, ours) and a name with no value
     * (StanzaJS) are value-only tokens; a value holding {@code ;} (Jicofo's H.264) is split as fmtp would be.
     */
    static List<Fmtp.Param> fmtpParams(List<Parameter> parameters) {
        List<Fmtp.Param> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.value().isEmpty()) {
                out.add(new Fmtp.Param(Optional.empty(), p.name()));
            } else if (p.name().isEmpty()) {
                out.add(new Fmtp.Param(Optional.empty(), p.value().get()));
            } else if (p.value().get().indexOf(';') >= 0) {
                out.addAll(Fmtp.parse("0 " + p.name() + "=" + p.value().get()).params());
            } else {
                out.add(new Fmtp.Param(Optional.of(p.name()), p.value().get()));
            }
        }
        return out;
    }

    private static String feedback(RtcpFeedback f, String where) {
        return token(f.type(), "rtcp-fb type", where) + f.subtype().map(s -> " " + Checks.lineSafe(s,
                "rtcp-fb subtype")).orElse("");
    }

    /** RFC 8830 §2: msid-id [SP msid-appdata], each 1-64 token characters. */
    private static String msid(String value, String where) {
        String[] parts = value.strip().split(" ");
        if (parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 64
                || (parts.length == 2 && parts[1].length() > 64)) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where,
                    "msid must be <stream id> [<track id>], each 1-64 characters, found " + Checks.quote(value));
        }
        for (String part : parts) {
            token(part, "msid", where);
        }
        return String.join(" ", parts);
    }

    private static Optional<Element> sctpmap(IceUdpTransport t) {
        for (RawXml x : t.extra()) {
            if (x.xml().startsWith("<sctpmap")) {
                Element e = org.jinglegateway.mapper.jingle.StaxDom.parse(x.xml());
                if (Namespaces.DTLS_SCTP.equals(e.getNamespaceURI())) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    private static String token(String value, String field, String where) {
        try {
            return Checks.token(value, field);
        } catch (IllegalArgumentException e) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, e.getMessage());
        }
    }

    private static long number(String value, String field, String where) {
        return org.jinglegateway.mapper.internal.Decimals.parse(value.strip()).orElseThrow(() ->
                new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, field
                        + " must be a number, found " + Checks.quote(value)));
    }
}
