package org.jinglegateway.mapper.translate;

import static org.jinglegateway.mapper.translate.AttributeRow.Count.EACH;
import static org.jinglegateway.mapper.translate.AttributeRow.Count.FIRST;
import static org.jinglegateway.mapper.translate.AttributeRow.Into.description;
import static org.jinglegateway.mapper.translate.AttributeRow.Into.transport;
import static org.jinglegateway.mapper.translate.AttributeRow.Level.MEDIA;
import static org.jinglegateway.mapper.translate.AttributeRow.Level.SESSION;
import static org.jinglegateway.mapper.translate.AttributeRow.Media.ANY;
import static org.jinglegateway.mapper.translate.AttributeRow.Media.DATA;
import static org.jinglegateway.mapper.translate.AttributeRow.Media.RTP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.ContentGroup;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.Direction;
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
    /** Most rows write per media section only. */
    private static final AttributeRow.ToSession NOT_AT_SESSION = (w, out) -> { };
    /** The value of a single-valued attribute, as written. */
    private static final AttributeRow.Read<String> VALUE = (s, a, v) -> a.value().orElse(null);
    /** A flag attribute: present. */
    private static final AttributeRow.Read<Boolean> PRESENT = (s, a, v) -> Boolean.TRUE;

    static final AttributeRow<String> ICE_UFRAG = row("iceUfrag", "ice-ufrag", "transport@ufrag",
            "RFC 8839 §5.4, XEP-0176 §5", BOTH, ANY, FIRST, VALUE, transport((t, v) -> t.ufrag = Optional.of(v)),
            (w, out) -> w.transport.ufrag().ifPresent(u -> out.add(Attribute.of("ice-ufrag", Checks.field(u,
                    "ufrag")))));
    static final AttributeRow<String> ICE_PWD = row("icePwd", "ice-pwd", "transport@pwd", "RFC 8839 §5.4, XEP-0176 §5",
            BOTH, ANY, FIRST, VALUE, transport((t, v) -> t.pwd = Optional.of(v)),
            (w, out) -> w.transport.pwd().ifPresent(p -> out.add(Attribute.of("ice-pwd", Checks.field(p, "pwd")))));
    /** Jingle ICE is always trickle (XEP-0176 §2), so nothing is read and {@code trickle} is always written. */
    static final AttributeRow<Void> ICE_OPTIONS = ignored("iceOptions", "ice-options", "—",
            "RFC 8839 §5.6, RFC 8840 §4.1.1", BOTH, ANY, (w, out) -> out.add(Attribute.of("ice-options", "trickle")));
    static final AttributeRow<org.jinglegateway.mapper.sdp.Fingerprint> FINGERPRINT = row("fingerprint", "fingerprint",
            "<fingerprint hash>", "RFC 8122 §5, XEP-0320 §3", BOTH, ANY, EACH,
            (s, a, v) -> (org.jinglegateway.mapper.sdp.Fingerprint) v, transport((t, v) -> t.fingerprints.add(v)),
            TowardSdp::writeFingerprints);
    static final AttributeRow<Setup> SETUP = row("setup", "setup", "fingerprint@setup", "RFC 8842 §5, XEP-0320 §3",
            BOTH, ANY, FIRST, (s, a, v) -> (Setup) v, transport((t, v) -> t.setup = Optional.of(v)),
            TowardSdp::writeSetup);
    /** The mid names the content before any row runs (it is the content's key), so the reader has nothing to do. */
    static final AttributeRow<Void> MID = ignored("mid", "mid", "content@name", "RFC 8843 §15.2, XEP-0166 §7.3",
            ONLY_MEDIA, ANY,
            (w, out) -> out.add(Attribute.of("mid", w.mid)));
    static final AttributeRow<HeaderExtension> EXTMAP = row("extmap", "extmap", "<rtp-hdrext id uri senders>",
            "RFC 8285 §7, XEP-0294", ONLY_MEDIA, RTP, EACH, TowardJingle::readExtmap,
            description((d, v) -> d.headerExtensions.add(v)), TowardSdp::writeExtmaps);
    static final AttributeRow<Boolean> EXTMAP_ALLOW_MIXED = row("extmapAllowMixed", "extmap-allow-mixed",
            "<extmap-allow-mixed/>", "RFC 8285 §6, XEP-0294", BOTH, RTP, FIRST, PRESENT,
            description((d, v) -> d.extmapAllowMixed = true),
            (w, out) -> {
                if (w.description.extmapAllowMixed()) {
                    out.add(Attribute.flag("extmap-allow-mixed"));
                }
            });
    /** The direction is the SDP writer's; senders are the session's (one 2-D table keyed by role). */
    static final AttributeRow<Senders> DIRECTION = new AttributeRow<>("direction", List.of("sendrecv", "sendonly",
            "recvonly", "inactive"), "content@senders", "RFC 8866 §6.7, XEP-0166 §7.3", BOTH, RTP, FIRST,
            (s, a, v) -> SendersTable.senders(s.writer, Direction.find(a.name()).orElseThrow()),
            (c, v) -> c.senders = v,
            (w, out) -> out.add(Attribute.flag(SendersTable.direction(w.writer, w.content.senders()
                    .orElse(Senders.BOTH)).token())), NOT_AT_SESSION);
    static final AttributeRow<String> MSID = row("msid", "msid", "msid parameter of each <source>",
            "RFC 8830 §2, XEP-0339", ONLY_MEDIA, RTP, FIRST, VALUE,
            description((d, v) -> d.sourceMsid = Optional.of(v)), TowardSdp::writeMsid);
    static final AttributeRow<Boolean> RTCP_MUX = row("rtcpMux", "rtcp-mux", "<rtcp-mux/>", "RFC 5761, XEP-0167 §5",
            ONLY_MEDIA, RTP, FIRST, PRESENT, description((d, v) -> d.rtcpMux = true),
            (w, out) -> {
                if (w.description.rtcpMux()) {
                    out.add(Attribute.flag("rtcp-mux"));
                }
            });
    static final AttributeRow<Crypto> CRYPTO = row("crypto", "crypto", "<encryption><crypto/></encryption>",
            "RFC 4568 §9.1, XEP-0167 §8", ONLY_MEDIA, RTP, EACH, (s, a, v) -> Crypto.parse(a.valueOrEmpty()),
            description((d, v) -> d.cryptos.add(v)),
            (w, out) -> {
                for (Crypto c : SdesMapping.toCryptos(w.description.extra(), w.where)) {
                    out.add(Attribute.of("crypto", c.toValue()));
                }
            });
    /** One row for both forms: {@code *} at media level (description), a payload type's in its payload-type. */
    static final AttributeRow<RtcpFb> RTCP_FB = row("rtcpFb", "rtcp-fb",
            "<rtcp-fb type subtype>, <rtcp-fb-trr-int value>", "RFC 4585 §4.2, XEP-0293", ONLY_MEDIA, RTP, EACH,
            (s, a, v) -> (RtcpFb) v, description(TowardJingle::addRtcpFb), TowardSdp::writeRtcpFb);
    static final AttributeRow<RtpMap> RTPMAP = row("rtpmap", "rtpmap", "<payload-type id name clockrate channels>",
            "RFC 8866 §6.6, XEP-0167 §5", ONLY_MEDIA, RTP, EACH, (s, a, v) -> (RtpMap) v,
            description(TowardJingle::addRtpMap),
            (w, out) -> {
                PayloadType p = w.payload;
                if (p.name().isPresent() && p.clockrate().isPresent()) {
                    out.add(Attribute.of("rtpmap", new RtpMap(p.id(), p.name().get(), p.clockrate().getAsLong(),
                            p.channels()).toValue()));
                }
            });
    static final AttributeRow<Fmtp> FMTP = row("fmtp", "fmtp", "<parameter name value>", "RFC 8866 §6.15, XEP-0167 §5",
            ONLY_MEDIA, RTP, EACH, (s, a, v) -> (Fmtp) v, description(TowardJingle::addFmtp),
            (w, out) -> {
                if (!w.payload.parameters().isEmpty()) {
                    out.add(Attribute.of("fmtp", new Fmtp(String.valueOf(w.payload.id()),
                            JingleToSdp.fmtpParams(w.payload.parameters())).toValue()));
                }
            });
    /** XEP-0167 has ptime per payload type, SDP per media section: read onto each, the first written back. */
    static final AttributeRow<OptionalInt> PTIME = row("ptime", "ptime", "payload-type@ptime",
            "RFC 8866 §6.4, XEP-0167 §5", ONLY_MEDIA, RTP, FIRST, TowardJingle::numberValue,
            description((d, v) -> d.ptime = v),
            (w, out) -> TowardSdp.firstOfPayloads(w, out, "ptime", PayloadType::ptime));
    static final AttributeRow<OptionalInt> MAXPTIME = row("maxptime", "maxptime", "payload-type@maxptime",
            "RFC 8866 §6.5, XEP-0167 §5", ONLY_MEDIA, RTP, FIRST, TowardJingle::numberValue,
            description((d, v) -> d.maxptime = v),
            (w, out) -> TowardSdp.firstOfPayloads(w, out, "maxptime", PayloadType::maxptime));
    static final AttributeRow<SourceGroup> SSRC_GROUP = row("ssrcGroup", "ssrc-group",
            "<ssrc-group semantics><source/>", "RFC 5576 §4.2, XEP-0339 §3.2", ONLY_MEDIA, RTP, EACH,
            (s, a, v) -> new SourceGroup(((SsrcGroup) v).semantics(), ((SsrcGroup) v).ssrcs()),
            description((d, v) -> d.sourceGroups.add(v)),
            (w, out) -> {
                for (SourceGroup g : w.description.sourceGroups()) {
                    StringBuilder value = new StringBuilder(w.token(g.semantics(), "ssrc-group semantics"));
                    for (long ssrc : g.ssrcs()) {
                        value.append(' ').append(ssrc);
                    }
                    out.add(Attribute.of("ssrc-group", value.toString()));
                }
            });
    static final AttributeRow<Ssrc> SSRC = row("ssrc", "ssrc", "<source ssrc><parameter name value/>",
            "RFC 5576 §4.1, XEP-0339 §3.1", ONLY_MEDIA, RTP, EACH, (s, a, v) -> (Ssrc) v,
            description((d, v) -> d.sources.computeIfAbsent(v.ssrc(), k -> new ArrayList<>())
                    .add(new Parameter(v.attribute(), v.value()))),
            (w, out) -> {
                for (Source s : w.description.sources()) {
                    for (Parameter p : s.parameters()) {
                        // an msid parameter is checked as a=msid is: a=ssrc's msid must read back (RFC 8830 §2)
                        out.add(Attribute.of("ssrc", s.ssrc() + " " + Checks.field(p.name(), "source parameter name")
                                + (p.name().equals("msid") ? ":" + TowardSdp.msid(p.value().orElse(""), w)
                                : p.value().map(v -> ":" + Checks.lineSafe(v, "source parameter value")).orElse(""))));
                    }
                }
            });
    /** RFC 8841: the browsers' form. Without an sctpmap nothing is written (5000 is RFC 8841 §5's default). */
    static final AttributeRow<String> SCTP_PORT = row("sctpPort", "sctp-port", "<sctpmap number>",
            "RFC 8841 §5, XEP-0343", ONLY_MEDIA, DATA, FIRST, VALUE, transport((t, v) -> t.sctpPort = Optional.of(v)),
            (w, out) -> w.sctpmap.ifPresent(m -> out.add(Attribute.of("sctp-port", String.valueOf(m.number())))));
    static final AttributeRow<String> MAX_MESSAGE_SIZE = row("maxMessageSize", "max-message-size",
            "sctpmap@max-message-size", "RFC 8841 §6, XEP-0343", ONLY_MEDIA, DATA, FIRST, VALUE,
            transport((t, v) -> t.maxMessageSize = Optional.of(v)),
            (w, out) -> w.sctpmap.flatMap(SctpMap::maxMessageSize).ifPresent(m ->
                    out.add(Attribute.of("max-message-size", m))));
    /** The draft-ietf-mmusic-sctp-sdp-05 form Jicofo and old browsers wrote; read only, its port is the number. */
    static final AttributeRow<String> SCTPMAP = row("sctpmap", "sctpmap", "<sctpmap number>",
            "draft-ietf-mmusic-sctp-sdp-05, XEP-0343", ONLY_MEDIA, DATA, FIRST,
            (s, a, v) -> a.value().map(x -> x.split(" ")[0]).orElse(null),
            transport((t, v) -> t.legacySctpPort = Optional.of(v)), NOTHING);
    static final AttributeRow<IceCandidate> CANDIDATE = row("candidate", "candidate", "<candidate/>",
            "RFC 8839 §5.1, XEP-0176 §5.3", ONLY_MEDIA, ANY, EACH, (s, a, v) -> (IceCandidate) v,
            transport((t, v) -> t.candidates.add(v)),
            (w, out) -> {
                for (IceCandidate c : w.transport.candidates()) {
                    out.add(Attribute.of("candidate", CandidateWriter.attributeValue(c)));
                }
            });
    static final AttributeRow<ContentGroup> GROUP = new AttributeRow<>("group", List.of("group"),
            "<group semantics><content name/>", "RFC 5888 §5, RFC 8843, XEP-0338", Set.of(SESSION), ANY, EACH,
            (s, a, v) -> new ContentGroup(((Group) v).semantics(), ((Group) v).mids()), (c, v) -> c.groups.add(v),
            NOTHING, TowardSdp::writeGroups);
    /** Deprecated (RFC 8830 §2 dropped it); read as nothing, {@code WMS *} written at session level. */
    static final AttributeRow<Void> MSID_SEMANTIC = new AttributeRow<>("msidSemantic", List.of("msid-semantic"), "—",
            "RFC 8830 (draft form)", Set.of(SESSION), ANY, EACH, (s, a, v) -> null, (c, v) -> { }, NOTHING,
            (w, out) -> out.add(Attribute.of("msid-semantic", " WMS *")));
    /** Meaningless with rtcp-mux, which every Jingle RTP session here uses (RFC 5761 §5.1.3). */
    static final AttributeRow<Void> RTCP = ignored("rtcp", "rtcp", "—", "RFC 3605", ONLY_MEDIA, ANY, NOTHING);
    /** Read where the m-line is: port 0 with bundle-only is not a rejection (RFC 8843 §6). */
    static final AttributeRow<Void> BUNDLE_ONLY = ignored("bundleOnly", "bundle-only", "—", "RFC 8843 §6", ONLY_MEDIA,
            ANY, NOTHING);
    /**
     * Named drops, each with a note: no XEP carries simulcast by RID, reduced-size RTCP or ICE lite, and XEP-0176
     * cannot say end of candidates (RFC 8840 §4.1), which is never invented toward Jingle.
     */
    static final AttributeRow<Void> UNMODELLED = new AttributeRow<>("unmodelled", List.of("rtcp-rsize", "rid",
            "simulcast", "ice-lite", "end-of-candidates"), "—",
            "RFC 5506, RFC 8851, RFC 8853, RFC 8445 §2.5, RFC 8840 §4.1", BOTH, ANY, EACH,
            (s, a, v) -> {
                s.dropped(a.name());
                return null;
            },
            (c, v) -> { }, NOTHING, NOT_AT_SESSION);

    /** Every row; a row's index here is its bit in a section's set of rows read (at most 64). */
    static final List<AttributeRow<?>> ROWS = List.of(ICE_UFRAG, ICE_PWD, ICE_OPTIONS, FINGERPRINT, SETUP, MID, EXTMAP,
            EXTMAP_ALLOW_MIXED, DIRECTION, MSID, RTCP_MUX, CRYPTO, RTCP_FB, RTPMAP, FMTP, PTIME, MAXPTIME, SSRC_GROUP,
            SSRC, SCTP_PORT, MAX_MESSAGE_SIZE, SCTPMAP, CANDIDATE, GROUP, MSID_SEMANTIC, RTCP, BUNDLE_ONLY,
            UNMODELLED);

    /**
     * A media section's lines in writing order: these rows once, then {@link #PER_PAYLOAD} for each payload type,
     * then {@link #AFTER_PAYLOADS}. rtcp-fb stands in both places: its {@code *} lines, then each payload's own.
     */
    static final List<AttributeRow<?>> BEFORE_PAYLOADS = List.of(ICE_UFRAG, ICE_PWD, ICE_OPTIONS, FINGERPRINT, SETUP,
            MID, EXTMAP, EXTMAP_ALLOW_MIXED, DIRECTION, MSID, RTCP_MUX, CRYPTO, RTCP_FB);
    static final List<AttributeRow<?>> PER_PAYLOAD = List.of(RTPMAP, RTCP_FB, FMTP);
    static final List<AttributeRow<?>> AFTER_PAYLOADS = List.of(PTIME, MAXPTIME, SSRC_GROUP, SSRC, SCTP_PORT,
            MAX_MESSAGE_SIZE, CANDIDATE);
    /** The session level's lines in writing order (each media section's follow). */
    static final List<AttributeRow<?>> SESSION_LEVEL = List.of(GROUP, MSID_SEMANTIC);

    /** SDP name to the reading row's index in {@link #ROWS}. */
    private static final Map<String, Integer> BY_NAME = byName();

    private MappingTable() {
    }

    /** The row reading this SDP attribute name, or none. */
    static Optional<AttributeRow<?>> row(String sdpName) {
        Integer i = BY_NAME.get(sdpName);
        return i == null ? Optional.empty() : Optional.of(ROWS.get(i));
    }

    /** The index in {@link #ROWS} of the row for a name if it may stand at this level, else -1 (one look-up). */
    static int reader(String sdpName, AttributeRow.Level level) {
        Integer i = BY_NAME.get(sdpName);
        return i != null && ROWS.get(i).levels().contains(level) ? i : -1;
    }

    private static Map<String, Integer> byName() {
        if (ROWS.size() > Long.SIZE) {
            throw new IllegalStateException("a section's rows read are a 64-bit set: at most 64 rows");
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < ROWS.size(); i++) {
            for (String name : ROWS.get(i).names()) {
                if (m.put(name, i) != null) {
                    throw new IllegalStateException("two rows read a=" + name);
                }
            }
        }
        return Map.copyOf(m);
    }

    private static <V> AttributeRow<V> row(String id, String sdp, String jingle, String spec,
                                           Set<AttributeRow.Level> levels, AttributeRow.Media media,
                                           AttributeRow.Count count, AttributeRow.Read<V> read,
                                           AttributeRow.Into<V> into, AttributeRow.ToSdp toSdp) {
        return new AttributeRow<>(id, List.of(sdp), jingle, spec, levels, media, count, read, into, toSdp,
                NOT_AT_SESSION);
    }

    /** A row that carries nothing toward Jingle (docs/mapping.md: drop silently, or written from elsewhere). */
    private static AttributeRow<Void> ignored(String id, String sdp, String jingle, String spec,
                                              Set<AttributeRow.Level> levels, AttributeRow.Media media,
                                              AttributeRow.ToSdp toSdp) {
        return new AttributeRow<>(id, List.of(sdp), jingle, spec, levels, media, EACH, (s, a, v) -> null, (c, v) -> { },
                toSdp, NOT_AT_SESSION);
    }
}
