package org.jinglegateway.mapper.translate;

import static org.jinglegateway.mapper.translate.AttributeRow.Level.MEDIA;
import static org.jinglegateway.mapper.translate.AttributeRow.Level.SESSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.internal.Decimals;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.Setup;
import org.jinglegateway.mapper.sdp.Ssrc;
import org.jinglegateway.mapper.sdp.SsrcGroup;

/**
 * Every SDP attribute the translation knows, one {@link AttributeRow} each, in the order a media section is
 * written (RFC 8829 §5.2.1's order, as Chromium writes it: ICE and DTLS, mid, RTP header extensions, direction,
 * msid, rtcp-mux, then per payload type rtpmap, rtcp-fb, fmtp; SSRCs; data channel; candidates). Each row is one
 * line of docs/mapping.md ({@code MappingDocTest} checks both ways) and has a focused test named after its id.
 * An attribute with no row is left out with a DROPPED note.
 */
final class MappingTable {
    private static final Set<AttributeRow.Level> BOTH = Set.of(SESSION, MEDIA);
    private static final Set<AttributeRow.Level> ONLY_MEDIA = Set.of(MEDIA);
    private static final AttributeRow.ToSdp NOTHING = (w, out) -> { };
    private static final AttributeRow.ToJingle IGNORED = (s, a, v) -> { };

    static final AttributeRow ICE_UFRAG = row("iceUfrag", "ice-ufrag", "transport@ufrag", "RFC 8839 §5.4, XEP-0176 §5",
            BOTH, AttributeRow.Media.ANY,
            (s, a, v) -> s.ufrag = first(s.ufrag, a.value()),
            (w, out) -> w.transport.ufrag().ifPresent(u -> out.add(Attribute.of("ice-ufrag", Checks.field(u,
                    "ufrag")))));
    static final AttributeRow ICE_PWD = row("icePwd", "ice-pwd", "transport@pwd", "RFC 8839 §5.4, XEP-0176 §5",
            BOTH, AttributeRow.Media.ANY,
            (s, a, v) -> s.pwd = first(s.pwd, a.value()),
            (w, out) -> w.transport.pwd().ifPresent(p -> out.add(Attribute.of("ice-pwd", Checks.field(p, "pwd")))));
    /** Jingle ICE is always trickle (XEP-0176 §2), so nothing is read and {@code trickle} is always written. */
    static final AttributeRow ICE_OPTIONS = row("iceOptions", "ice-options", "—", "RFC 8839 §5.6, RFC 8840 §4.1.1",
            BOTH, AttributeRow.Media.ANY, IGNORED, (w, out) -> out.add(Attribute.of("ice-options", "trickle")));
    static final AttributeRow FINGERPRINT = row("fingerprint", "fingerprint", "<fingerprint hash>",
            "RFC 8122 §5, XEP-0320 §3", BOTH, AttributeRow.Media.ANY,
            (s, a, v) -> s.fingerprints.add((org.jinglegateway.mapper.sdp.Fingerprint) v),
            MappingTable::writeFingerprints);
    static final AttributeRow SETUP = row("setup", "setup", "fingerprint@setup", "RFC 8842 §5, XEP-0320 §3",
            BOTH, AttributeRow.Media.ANY,
            (s, a, v) -> s.setup = first(s.setup, a.value()), MappingTable::writeSetup);
    /** The mid names the content before any row runs (it is the content's key), so the reader has nothing to do. */
    static final AttributeRow MID = row("mid", "mid", "content@name", "RFC 8843 §15.2, XEP-0166 §7.3",
            ONLY_MEDIA, AttributeRow.Media.ANY, IGNORED, (w, out) -> out.add(Attribute.of("mid", w.mid)));
    static final AttributeRow EXTMAP = row("extmap", "extmap", "<rtp-hdrext id uri senders>",
            "RFC 8285 §7, XEP-0294", ONLY_MEDIA, AttributeRow.Media.RTP, MappingTable::readExtmap,
            MappingTable::writeExtmaps);
    static final AttributeRow EXTMAP_ALLOW_MIXED = row("extmapAllowMixed", "extmap-allow-mixed",
            "<extmap-allow-mixed/>", "RFC 8285 §6, XEP-0294", BOTH, AttributeRow.Media.RTP,
            (s, a, v) -> s.extmapAllowMixed = true,
            (w, out) -> {
                if (w.description.extmapAllowMixed()) {
                    out.add(Attribute.flag("extmap-allow-mixed"));
                }
            });
    static final AttributeRow DIRECTION = new AttributeRow("direction", List.of("sendrecv", "sendonly", "recvonly",
            "inactive"), "content@senders", "RFC 8866 §6.7, XEP-0166 §7.3", BOTH, AttributeRow.Media.RTP,
            (s, a, v) -> s.direction = s.direction.or(() -> Direction.find(a.name())),
            (w, out) -> out.add(Attribute.flag(SendersTable.direction(w.writer, w.content.senders()
                    .orElse(Senders.BOTH)).token())));
    static final AttributeRow MSID = row("msid", "msid", "msid parameter of each <source>", "RFC 8830 §2, XEP-0339",
            ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> s.msid = first(s.msid, a.value()), MappingTable::writeMsid);
    static final AttributeRow RTCP_MUX = row("rtcpMux", "rtcp-mux", "<rtcp-mux/>", "RFC 5761, XEP-0167 §5",
            ONLY_MEDIA, AttributeRow.Media.RTP, (s, a, v) -> s.rtcpMux = true,
            (w, out) -> {
                if (w.description.rtcpMux()) {
                    out.add(Attribute.flag("rtcp-mux"));
                }
            });
    static final AttributeRow CRYPTO = row("crypto", "crypto", "<encryption><crypto/></encryption>",
            "RFC 4568 §9.1, XEP-0167 §8", ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> s.cryptos.add(Crypto.parse(a.valueOrEmpty())),
            (w, out) -> {
                for (Crypto c : SdesMapping.toCryptos(w.description.extra(), w.where)) {
                    out.add(Attribute.of("crypto", c.toValue()));
                }
            });
    /** One row for both forms: {@code *} at media level (description), a payload type's in its payload-type. */
    static final AttributeRow RTCP_FB = row("rtcpFb", "rtcp-fb", "<rtcp-fb type subtype>, <rtcp-fb-trr-int value>",
            "RFC 4585 §4.2, XEP-0293", ONLY_MEDIA, AttributeRow.Media.RTP, MappingTable::readRtcpFb,
            MappingTable::writeRtcpFb);
    static final AttributeRow RTPMAP = row("rtpmap", "rtpmap", "<payload-type id name clockrate channels>",
            "RFC 8866 §6.6, XEP-0167 §5", ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> {
                RtpMap r = (RtpMap) v;
                s.rtpmaps.put(r.payloadType(), r);
            },
            (w, out) -> {
                PayloadType p = w.payload;
                if (p.name().isPresent() && p.clockrate().isPresent()) {
                    out.add(Attribute.of("rtpmap", new RtpMap(p.id(), p.name().get(), p.clockrate().getAsLong(),
                            p.channels()).toValue()));
                }
            });
    static final AttributeRow FMTP = row("fmtp", "fmtp", "<parameter name value>", "RFC 8866 §6.15, XEP-0167 §5",
            ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> {
                Fmtp f = (Fmtp) v;
                s.fmtps.put(f.format(), f);
            },
            (w, out) -> {
                if (!w.payload.parameters().isEmpty()) {
                    out.add(Attribute.of("fmtp", new Fmtp(String.valueOf(w.payload.id()),
                            JingleToSdp.fmtpParams(w.payload.parameters())).toValue()));
                }
            });
    static final AttributeRow PTIME = row("ptime", "ptime", "payload-type@ptime", "RFC 8866 §6.4, XEP-0167 §5",
            ONLY_MEDIA, AttributeRow.Media.RTP, (s, a, v) -> s.ptime = first(s.ptime, a.value()),
            (w, out) -> firstOfPayloads(w, out, "ptime", PayloadType::ptime));
    static final AttributeRow MAXPTIME = row("maxptime", "maxptime", "payload-type@maxptime",
            "RFC 8866 §6.5, XEP-0167 §5", ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> s.maxptime = first(s.maxptime, a.value()),
            (w, out) -> firstOfPayloads(w, out, "maxptime", PayloadType::maxptime));
    static final AttributeRow SSRC_GROUP = row("ssrcGroup", "ssrc-group", "<ssrc-group semantics><source/>",
            "RFC 5576 §4.2, XEP-0339 §3.2", ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> s.ssrcGroups.add((SsrcGroup) v),
            (w, out) -> {
                for (SourceGroup g : w.description.sourceGroups()) {
                    StringBuilder value = new StringBuilder(w.token(g.semantics(), "ssrc-group semantics"));
                    for (long ssrc : g.ssrcs()) {
                        value.append(' ').append(ssrc);
                    }
                    out.add(Attribute.of("ssrc-group", value.toString()));
                }
            });
    static final AttributeRow SSRC = row("ssrc", "ssrc", "<source ssrc><parameter name value/>",
            "RFC 5576 §4.1, XEP-0339 §3.1", ONLY_MEDIA, AttributeRow.Media.RTP,
            (s, a, v) -> {
                Ssrc ssrc = (Ssrc) v;
                s.sources.computeIfAbsent(ssrc.ssrc(), k -> new ArrayList<>()).add(new Parameter(ssrc.attribute(),
                        ssrc.value()));
            },
            (w, out) -> {
                for (Source s : w.description.sources()) {
                    for (Parameter p : s.parameters()) {
                        out.add(Attribute.of("ssrc", s.ssrc() + " " + Checks.field(p.name(), "source parameter name")
                                + p.value().map(v -> ":" + Checks.lineSafe(v, "source parameter value")).orElse("")));
                    }
                }
            });
    /** RFC 8841: the browsers' form. Without an sctpmap nothing is written (5000 is RFC 8841 §5's default). */
    static final AttributeRow SCTP_PORT = row("sctpPort", "sctp-port", "<sctpmap number>", "RFC 8841 §5, XEP-0343",
            ONLY_MEDIA, AttributeRow.Media.DATA, (s, a, v) -> s.sctpPort = first(s.sctpPort, a.value()),
            (w, out) -> w.sctpmap.ifPresent(m -> out.add(Attribute.of("sctp-port", String.valueOf(m.number())))));
    static final AttributeRow MAX_MESSAGE_SIZE = row("maxMessageSize", "max-message-size",
            "sctpmap@max-message-size", "RFC 8841 §6, XEP-0343", ONLY_MEDIA, AttributeRow.Media.DATA,
            (s, a, v) -> s.maxMessageSize = first(s.maxMessageSize, a.value()),
            (w, out) -> w.sctpmap.flatMap(SctpMap::maxMessageSize).ifPresent(m ->
                    out.add(Attribute.of("max-message-size", m))));
    /** The draft-ietf-mmusic-sctp-sdp-05 form Jicofo and old browsers wrote; read only, its port is the number. */
    static final AttributeRow SCTPMAP = row("sctpmap", "sctpmap", "<sctpmap number>",
            "draft-ietf-mmusic-sctp-sdp-05, XEP-0343", ONLY_MEDIA, AttributeRow.Media.DATA,
            (s, a, v) -> s.sctpmapPort = first(s.sctpmapPort, a.value().map(x -> x.split(" ")[0])), NOTHING);
    static final AttributeRow CANDIDATE = row("candidate", "candidate", "<candidate/>", "RFC 8839 §5.1, XEP-0176 §5.3",
            ONLY_MEDIA, AttributeRow.Media.ANY, (s, a, v) -> s.candidates.add((IceCandidate) v),
            (w, out) -> {
                for (IceCandidate c : w.transport.candidates()) {
                    out.add(Attribute.of("candidate", CandidateWriter.attributeValue(c)));
                }
            });
    static final AttributeRow GROUP = row("group", "group", "<group semantics><content name/>",
            "RFC 5888 §5, RFC 8843, XEP-0338", Set.of(SESSION), AttributeRow.Media.ANY,
            (s, a, v) -> s.groups.add((Group) v), NOTHING);
    /** Deprecated (RFC 8830 §2 dropped it); read as nothing, {@code WMS *} written at session level. */
    static final AttributeRow MSID_SEMANTIC = row("msidSemantic", "msid-semantic", "—", "RFC 8830 (draft form)",
            Set.of(SESSION), AttributeRow.Media.ANY, IGNORED, NOTHING);
    /** Meaningless with rtcp-mux, which every Jingle RTP session here uses (RFC 5761 §5.1.3). */
    static final AttributeRow RTCP = row("rtcp", "rtcp", "—", "RFC 3605", ONLY_MEDIA, AttributeRow.Media.ANY,
            IGNORED, NOTHING);
    /** Read where the m-line is: port 0 with bundle-only is not a rejection (RFC 8843 §6). */
    static final AttributeRow BUNDLE_ONLY = row("bundleOnly", "bundle-only", "—", "RFC 8843 §6", ONLY_MEDIA,
            AttributeRow.Media.ANY, IGNORED, NOTHING);
    /**
     * Named drops, each with a note: no XEP carries simulcast by RID, reduced-size RTCP or ICE lite, and XEP-0176
     * cannot say end of candidates (RFC 8840 §4.1), which is never invented toward Jingle.
     */
    static final AttributeRow UNMODELLED = new AttributeRow("unmodelled", List.of("rtcp-rsize", "rid", "simulcast",
            "ice-lite", "end-of-candidates"), "—", "RFC 5506, RFC 8851, RFC 8853, RFC 8445 §2.5, RFC 8840 §4.1", BOTH,
            AttributeRow.Media.ANY,
            (s, a, v) -> s.dropped(a.name()), NOTHING);

    /** Every row. */
    static final List<AttributeRow> ROWS = List.of(ICE_UFRAG, ICE_PWD, ICE_OPTIONS, FINGERPRINT, SETUP, MID, EXTMAP,
            EXTMAP_ALLOW_MIXED, DIRECTION, MSID, RTCP_MUX, CRYPTO, RTCP_FB, RTPMAP, FMTP, PTIME, MAXPTIME, SSRC_GROUP,
            SSRC, SCTP_PORT, MAX_MESSAGE_SIZE, SCTPMAP, CANDIDATE, GROUP, MSID_SEMANTIC, RTCP, BUNDLE_ONLY,
            UNMODELLED);

    /**
     * A media section's lines in writing order: these rows once, then {@link #PER_PAYLOAD} for each payload type,
     * then {@link #AFTER_PAYLOADS}. rtcp-fb stands in both places: its {@code *} lines, then each payload's own.
     */
    static final List<AttributeRow> BEFORE_PAYLOADS = List.of(ICE_UFRAG, ICE_PWD, ICE_OPTIONS, FINGERPRINT, SETUP,
            MID, EXTMAP, EXTMAP_ALLOW_MIXED, DIRECTION, MSID, RTCP_MUX, CRYPTO, RTCP_FB);
    static final List<AttributeRow> PER_PAYLOAD = List.of(RTPMAP, RTCP_FB, FMTP);
    static final List<AttributeRow> AFTER_PAYLOADS = List.of(PTIME, MAXPTIME, SSRC_GROUP, SSRC, SCTP_PORT,
            MAX_MESSAGE_SIZE, CANDIDATE);

    private static final Map<String, AttributeRow> BY_NAME = byName();

    private MappingTable() {
    }

    /** The row reading this SDP attribute name, or none. */
    static Optional<AttributeRow> row(String sdpName) {
        return Optional.ofNullable(BY_NAME.get(sdpName));
    }

    /** The row for a name if it may stand at this level, else null (one map look-up per attribute). */
    static AttributeRow reader(String sdpName, AttributeRow.Level level) {
        AttributeRow r = BY_NAME.get(sdpName);
        return r != null && r.levels().contains(level) ? r : null;
    }

    private static Map<String, AttributeRow> byName() {
        Map<String, AttributeRow> m = new HashMap<>();
        for (AttributeRow r : ROWS) {
            for (String name : r.names()) {
                if (m.put(name, r) != null) {
                    throw new IllegalStateException("two rows read a=" + name);
                }
            }
        }
        return Map.copyOf(m);
    }

    private static AttributeRow row(String id, String sdp, String jingle, String spec, Set<AttributeRow.Level> levels,
                                    AttributeRow.Media media, AttributeRow.ToJingle toJingle,
                                    AttributeRow.ToSdp toSdp) {
        return new AttributeRow(id, List.of(sdp), jingle, spec, levels, media, toJingle, toSdp);
    }

    // --- the rows' functions that do not fit on a line

    private static void readExtmap(SectionReading s, Attribute a, Object view) {
        ExtMap e = (ExtMap) view;
        s.extmaps.add(e);
        if (e.attributes().isPresent()) {
            s.notes.add(new MappingNote(MappingNote.Kind.DROPPED, s.where, "extmap " + e.id()
                    + " extension attributes have no XEP-0294 counterpart"));
        }
    }

    private static void readRtcpFb(SectionReading s, Attribute a, Object view) {
        RtcpFb fb = (RtcpFb) view;
        s.feedback.computeIfAbsent(fb.payload(), k -> new ArrayList<>(4)).add(fb);
    }

    private static void writeFingerprints(ContentWriting w, List<Attribute> out) {
        for (Fingerprint f : w.transport.fingerprints()) {
            out.add(Attribute.of("fingerprint", w.token(f.hash(), "fingerprint hash") + " "
                    + Checks.field(f.value(), "fingerprint")));
        }
    }

    /** The fingerprint's setup; defaults and the never-actpass-in-an-answer rule as in {@link SdpToJingle}. */
    private static void writeSetup(ContentWriting w, List<Attribute> out) {
        if (w.transport.fingerprints().isEmpty()) {
            return;
        }
        Optional<String> token = Optional.empty();
        for (Fingerprint f : w.transport.fingerprints()) {
            token = token.or(f::setup);
        }
        Setup setup = settleSetup(token, w.offer, "no setup on the fingerprint", "XEP-0320 §3, RFC 8842 §5", w.where,
                w.notes);
        out.add(Attribute.of("setup", setup.token()));
    }

    /**
     * XEP-0167 puts ptime and maxptime on each payload type, SDP has one per media section: the first payload
     * type's value is written, with a note when the others disagree.
     */
    private static void firstOfPayloads(ContentWriting w, List<Attribute> out, String name,
                                        java.util.function.Function<PayloadType, OptionalInt> value) {
        OptionalInt first = OptionalInt.empty();
        boolean differ = false;
        for (PayloadType p : w.description.payloadTypes()) {
            OptionalInt v = value.apply(p);
            if (v.isPresent() && first.isEmpty()) {
                first = v;
            } else if (v.isPresent() && v.getAsInt() != first.getAsInt()) {
                differ = true;
            }
        }
        if (first.isPresent()) {
            out.add(Attribute.of(name, String.valueOf(first.getAsInt())));
            if (differ) {
                w.notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, w.where, "payload types have different "
                        + name + " values and SDP has one per media section: a=" + name + ":" + first.getAsInt()));
            }
        }
    }

    /**
     * The DTLS role both directions agree on: a missing one is the RFC 8842 §5 default (actpass in offers, active in
     * answers), and an answer is never actpass (§5.3). Each change is a note.
     */
    static Setup settleSetup(Optional<String> given, boolean offer, String missing, String spec, String where,
                             List<MappingNote> notes) {
        if (given.isEmpty()) {
            Setup setup = offer ? Setup.ACTPASS : Setup.ACTIVE;
            notes.add(new MappingNote(MappingNote.Kind.DEFAULTED, where, missing + ": " + setup.token() + " (" + spec
                    + " default for " + (offer ? "offers" : "answers") + ")"));
            return setup;
        }
        Setup setup = Setup.of(given.get());
        if (!offer && setup == Setup.ACTPASS) {
            notes.add(new MappingNote(MappingNote.Kind.APPROXIMATED, where,
                    "an answer may not be actpass (RFC 8842 §5.3): active"));
            return Setup.ACTIVE;
        }
        return setup;
    }

    private static void writeExtmaps(ContentWriting w, List<Attribute> out) {
        for (HeaderExtension h : w.description.headerExtensions()) {
            if (!h.parameters().isEmpty()) {
                w.notes.add(new MappingNote(MappingNote.Kind.DROPPED, w.where, "rtp-hdrext " + h.id()
                        + " parameters have no a=extmap counterpart"));
            }
            Optional<Direction> dir = h.senders().filter(s -> s != Senders.BOTH)
                    .map(s -> SendersTable.direction(w.writer, s));
            out.add(Attribute.of("extmap", new ExtMap(h.id(), dir, Checks.field(h.uri(), "rtp-hdrext uri"),
                    Optional.empty()).toValue()));
        }
    }

    /** RFC 8830 §2: msid-id [SP msid-appdata], each 1-64 token characters, from the first source that has one. */
    private static void writeMsid(ContentWriting w, List<Attribute> out) {
        for (Source s : w.description.sources()) {
            for (Parameter p : s.parameters()) {
                if (p.name().equals("msid") && p.value().isPresent()) {
                    out.add(Attribute.of("msid", msid(p.value().get(), w)));
                    return;
                }
            }
        }
    }

    private static String msid(String value, ContentWriting w) {
        String[] parts = value.strip().split(" ");
        if (parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 64
                || (parts.length == 2 && parts[1].length() > 64)) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, w.where,
                    "msid must be <stream id> [<track id>], each 1-64 characters, found " + Checks.quote(value));
        }
        for (String part : parts) {
            w.token(part, "msid");
        }
        return String.join(" ", parts);
    }

    /** At media level the {@code *} lines of the description; per payload type that payload's own. */
    private static void writeRtcpFb(ContentWriting w, List<Attribute> out) {
        PayloadType p = w.payload;
        String prefix = p == null ? "* " : p.id() + " ";
        for (RtcpFeedback f : p == null ? w.description.feedback() : p.feedback()) {
            String type = w.token(f.type(), "rtcp-fb type");
            out.add(Attribute.of("rtcp-fb", f.subtype().isEmpty() ? prefix + type
                    : prefix + type + " " + Checks.lineSafe(f.subtype().get(), "rtcp-fb subtype")));
        }
        OptionalInt trrInt = p == null ? w.description.trrInt() : p.trrInt();
        if (trrInt.isPresent()) {
            out.add(Attribute.of("rtcp-fb", prefix + "trr-int " + trrInt.getAsInt()));
        }
    }

    /** Single-valued attributes: the first occurrence with a value counts. */
    private static Optional<String> first(Optional<String> current, Optional<String> value) {
        return current.isPresent() ? current : value;
    }

    /** A decimal that fits an int, or nothing (ptime and trr-int values that are not are left out). */
    static java.util.OptionalInt number(Optional<String> value) {
        if (value.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        java.util.OptionalLong n = Decimals.parse(value.get().strip());
        return n.isPresent() && n.getAsLong() <= Integer.MAX_VALUE ? java.util.OptionalInt.of((int) n.getAsLong())
                : java.util.OptionalInt.empty();
    }
}
