package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.internal.Decimals;
import org.jinglegateway.mapper.jingle.Bandwidth;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.JingleNames;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RawXml;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.MediaDescription;

/**
 * The XEP-0167 {@code <description>} of a {@link ContentDraft}: a {@link PayloadDraft} per m-line format, made
 * before any row runs, so that the per-payload rows (rtpmap, fmtp, rtcp-fb) find theirs by id or format.
 */
final class DescriptionDraft {
    /** The largest RTP payload type (RFC 3551 §3: 7 bits). */
    private static final int MAX_PAYLOAD_TYPE = 127;

    /** In m-line order; a format written twice is the same draft twice. */
    final List<PayloadDraft> payloads;
    /** By id; none for the session level's draft, which has no formats. */
    private final PayloadDraft[] byId;
    /** The first format that is no payload type: an error when the m-line is RTP. */
    private final String badFormat;
    OptionalInt ptime = OptionalInt.empty();
    OptionalInt maxptime = OptionalInt.empty();
    boolean rtcpMux;
    /** Description-level ({@code *}) rtcp-fb and trr-int (XEP-0293). */
    final List<RtcpFeedback> feedback = new ArrayList<>(4);
    OptionalInt trrInt = OptionalInt.empty();
    final List<HeaderExtension> headerExtensions = new ArrayList<>();
    boolean extmapAllowMixed;
    /** XEP-0339 sources by ssrc, with their parameters in order. */
    final Map<Long, List<Parameter>> sources = new LinkedHashMap<>();
    /** The msid every source without one gets (a media-level a=msid, RFC 8830 §2). */
    Optional<String> sourceMsid = Optional.empty();
    final List<SourceGroup> sourceGroups = new ArrayList<>();
    /** XEP-0167 §8 SDES keys, written as one {@code <encryption>}. */
    final List<Crypto> cryptos = new ArrayList<>();

    DescriptionDraft(List<String> formats) {
        payloads = new ArrayList<>(formats.size());
        byId = formats.isEmpty() ? null : new PayloadDraft[MAX_PAYLOAD_TYPE + 1];
        String bad = null;
        for (String format : formats) {
            int id = payloadType(format);
            if (id < 0) {
                bad = bad == null ? format : bad;
                continue;
            }
            PayloadDraft p = sameFormat(byId[id], format);
            if (p == null) {
                p = new PayloadDraft(id, format);
                p.sameId = byId[id];
                byId[id] = p;
            }
            payloads.add(p);
        }
        badFormat = bad;
    }

    /** The payload type of this format (a=fmtp and a=rtcp-fb name formats as written), or null. */
    PayloadDraft format(String format) {
        int id = payloadType(format);
        return id < 0 || byId == null ? null : sameFormat(byId[id], format);
    }

    /** The draft of this format among those of one id (no map: a section has a handful of formats). */
    private static PayloadDraft sameFormat(PayloadDraft first, String format) {
        for (PayloadDraft p = first; p != null; p = p.sameId) {
            if (p.format.equals(format)) {
                return p;
            }
        }
        return null;
    }

    /** The first payload type with this id (a=rtpmap names ids); the others follow {@link PayloadDraft#sameId}. */
    PayloadDraft id(int id) {
        return byId != null && id >= 0 && id <= MAX_PAYLOAD_TYPE ? byId[id] : null;
    }

    RtpDescription build(MediaDescription m, SectionReading section) {
        if (badFormat != null) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, section.where,
                    "an RTP m-line format must be a payload type 0-127, found \"" + badFormat + "\"");
        }
        List<PayloadType> payloadTypes = new ArrayList<>(payloads.size());
        for (PayloadDraft p : payloads) {
            payloadTypes.add(p.build(ptime, maxptime));
        }
        List<Bandwidth> bandwidths = new ArrayList<>(m.bandwidths().size());
        for (org.jinglegateway.mapper.sdp.Bandwidth b : m.bandwidths()) {
            bandwidths.add(new Bandwidth(b.type(), String.valueOf(b.value())));
        }
        // RFC 4568 §9: RTP/SAVP(F) without DTLS means SRTP keyed by SDES only, so the keys are required
        List<RawXml> extra = cryptos.isEmpty() ? List.of()
                : List.of(SdesMapping.toElement(cryptos, !m.protocol().contains("TLS")));
        return new RtpDescription(m.media(), Optional.empty(), payloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, sources(section), sourceGroups, List.of(), extra);
    }

    /** XEP-0339 sources; the media-level msid fills in a source's missing msid parameter. */
    private List<Source> sources(SectionReading section) {
        if (sourceMsid.isPresent() && sources.isEmpty()) {
            section.notes.add(new MappingNote(MappingNote.Kind.DROPPED, section.where, "a=msid without a=ssrc"
                    + " lines: XEP-0339 carries msid as a parameter of a <source>, and there is none"));
        }
        List<Source> out = new ArrayList<>(sources.size());
        for (Map.Entry<Long, List<Parameter>> e : sources.entrySet()) {
            List<Parameter> params = e.getValue();
            if (sourceMsid.isPresent() && !hasMsid(params)) {
                params.add(Parameter.of(JingleNames.SOURCE_MSID, sourceMsid.get()));
            }
            out.add(new Source(e.getKey(), params, List.of(), List.of()));
        }
        return out;
    }

    private static boolean hasMsid(List<Parameter> params) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(JingleNames.SOURCE_MSID)) {
                return true;
            }
        }
        return false;
    }

    /** A format's payload type 0-127, or -1. */
    private static int payloadType(String format) {
        OptionalLong n = Decimals.parse(format.strip());
        return n.isPresent() && n.getAsLong() <= MAX_PAYLOAD_TYPE ? (int) n.getAsLong() : -1;
    }
}
