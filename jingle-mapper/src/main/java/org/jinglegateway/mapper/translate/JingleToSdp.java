package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.internal.Checks;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.Bandwidth;
import org.jinglegateway.mapper.sdp.Connection;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.Origin;
import org.jinglegateway.mapper.sdp.SessionDescription;

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
        SessionDescription.Builder b = SessionDescription.builder(new Origin("-",
                Integer.toUnsignedString(jingle.sid().hashCode()), "2", "IN", "IP4", "0.0.0.0"));
        List<String> mids = mids(jingle, notes);
        List<Attribute> session = new ArrayList<>(4);
        SessionWriting w = new SessionWriting(jingle, mids, notes);
        for (AttributeRow<?> row : MappingTable.SESSION_LEVEL) {
            row.toSession().write(w, session);
        }
        for (Attribute a : session) {
            b.attribute(a);
        }
        for (int i = 0; i < jingle.contents().size(); i++) {
            b.media(media(jingle.contents().get(i), mids.get(i), writer, notes));
        }
        return new Parsed<>(b.build(), notes);
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

    private static MediaDescription media(Content c, String mid, Role writer, List<MappingNote> notes) {
        String where = "content \"" + c.name() + "\"";
        IceUdpTransport t = c.transport().orElseThrow(() -> new TranslationException(
                TranslationException.Kind.MISSING, where, "a content needs an ICE-UDP <transport>"));
        Optional<SctpMap> sctpmap = t.sctpmap();
        // StanzaJS sends a data channel content with an sctpmap and no <description>
        RtpDescription d = c.description().orElseGet(() -> sctpmap.map(s -> RtpDescription.of("application"))
                .orElseThrow(() -> new TranslationException(
                TranslationException.Kind.MISSING, where, "a content needs an RTP <description> (or, for a data"
                + " channel, an <sctpmap>) to become an m-line")));
        boolean data = d.payloadTypes().isEmpty() && (sctpmap.isPresent() || "application".equals(d.media()));
        if (!data) {
            d = SourceGroups.complete(d, where, notes);
        }
        List<String> formats;
        boolean repeated = false;
        if (data) {
            formats = List.of("webrtc-datachannel");
        } else {
            // payload type ids are 0-127 (PayloadType checks it): two longs tell a repeated one without a set
            long low = 0;
            long high = 0;
            List<String> ids = new ArrayList<>(d.payloadTypes().size());
            for (PayloadType p : d.payloadTypes()) {
                int id = p.id();
                long bit = 1L << (id & 63);
                if (id < 64) {
                    repeated |= (low & bit) != 0;
                    low |= bit;
                } else {
                    repeated |= (high & bit) != 0;
                    high |= bit;
                }
                ids.add(String.valueOf(id));
            }
            formats = ids;
        }
        if (repeated) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, "two <payload-type>s with"
                    + " one id: an m-line lists each format once (RFC 8866 §5.14)");
        }
        if (formats.isEmpty()) {
            throw new TranslationException(TranslationException.Kind.MISSING, where, "an RTP <description> needs a"
                    + " <payload-type>: an m-line has at least one format (RFC 8866 §5.14)");
        }
        String protocol = data ? "UDP/DTLS/SCTP" : t.fingerprints().isEmpty() ? "RTP/AVPF" : "UDP/TLS/RTP/SAVPF";
        ContentWriting w = new ContentWriting(c, mid, d, t, writer, notes, sctpmap, data);
        try {
            List<Attribute> a = attributes(w);
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

    /**
     * The media section's attributes: the table's rows in writing order, the per-payload rows once per payload
     * type. A row writes only to the m-lines it covers (no rtpmap on a data channel).
     */
    private static List<Attribute> attributes(ContentWriting w) {
        List<Attribute> out = new ArrayList<>(64);
        write(MappingTable.BEFORE_PAYLOADS, w, out);
        for (PayloadType p : w.description.payloadTypes()) {
            w.payload = p;
            write(MappingTable.PER_PAYLOAD, w, out);
        }
        w.payload = null;
        write(MappingTable.AFTER_PAYLOADS, w, out);
        return out;
    }

    private static void write(List<AttributeRow<?>> rows, ContentWriting w, List<Attribute> out) {
        for (AttributeRow<?> row : rows) {
            if (row.media().covers(w.data)) {
                row.toSdp().write(w, out);
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

    static String token(String value, String field, String where) {
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
