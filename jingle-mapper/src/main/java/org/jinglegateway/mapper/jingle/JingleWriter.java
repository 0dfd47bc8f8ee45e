package org.jinglegateway.mapper.jingle;

import static org.jinglegateway.mapper.jingle.JingleNames.ACTION;
import static org.jinglegateway.mapper.jingle.JingleNames.CHANNELS;
import static org.jinglegateway.mapper.jingle.JingleNames.CLOCKRATE;
import static org.jinglegateway.mapper.jingle.JingleNames.COMPONENT;
import static org.jinglegateway.mapper.jingle.JingleNames.CREATOR;
import static org.jinglegateway.mapper.jingle.JingleNames.DISPOSITION;
import static org.jinglegateway.mapper.jingle.JingleNames.FOUNDATION;
import static org.jinglegateway.mapper.jingle.JingleNames.GENERATION;
import static org.jinglegateway.mapper.jingle.JingleNames.HASH;
import static org.jinglegateway.mapper.jingle.JingleNames.ID;
import static org.jinglegateway.mapper.jingle.JingleNames.INITIATOR;
import static org.jinglegateway.mapper.jingle.JingleNames.IP;
import static org.jinglegateway.mapper.jingle.JingleNames.MAXPTIME;
import static org.jinglegateway.mapper.jingle.JingleNames.MAX_MESSAGE_SIZE;
import static org.jinglegateway.mapper.jingle.JingleNames.MEDIA;
import static org.jinglegateway.mapper.jingle.JingleNames.NAME;
import static org.jinglegateway.mapper.jingle.JingleNames.NETWORK;
import static org.jinglegateway.mapper.jingle.JingleNames.NUMBER;
import static org.jinglegateway.mapper.jingle.JingleNames.PORT;
import static org.jinglegateway.mapper.jingle.JingleNames.PRIORITY;
import static org.jinglegateway.mapper.jingle.JingleNames.PROTOCOL;
import static org.jinglegateway.mapper.jingle.JingleNames.PTIME;
import static org.jinglegateway.mapper.jingle.JingleNames.PWD;
import static org.jinglegateway.mapper.jingle.JingleNames.REL_ADDR;
import static org.jinglegateway.mapper.jingle.JingleNames.REL_PORT;
import static org.jinglegateway.mapper.jingle.JingleNames.REQUIRED;
import static org.jinglegateway.mapper.jingle.JingleNames.RESPONDER;
import static org.jinglegateway.mapper.jingle.JingleNames.SEMANTICS;
import static org.jinglegateway.mapper.jingle.JingleNames.SENDERS;
import static org.jinglegateway.mapper.jingle.JingleNames.SETUP;
import static org.jinglegateway.mapper.jingle.JingleNames.SID;
import static org.jinglegateway.mapper.jingle.JingleNames.SSRC;
import static org.jinglegateway.mapper.jingle.JingleNames.STREAMS;
import static org.jinglegateway.mapper.jingle.JingleNames.SUBTYPE;
import static org.jinglegateway.mapper.jingle.JingleNames.TCPTYPE;
import static org.jinglegateway.mapper.jingle.JingleNames.TYPE;
import static org.jinglegateway.mapper.jingle.JingleNames.UFRAG;
import static org.jinglegateway.mapper.jingle.JingleNames.URI;
import static org.jinglegateway.mapper.jingle.JingleNames.VALUE;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dom4j.Element;
import org.jinglegateway.mapper.candidate.ExtensionPair;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;

/**
 * Writes a {@link Jingle} as a dom4j element (what Tinder sends) or straight to a string; one writing logic, two
 * sinks. Canonical: attributes in model order, absent optionals left out, raw elements put back at the end of
 * their parent. Lists are walked by index: an iterator per list per element showed in the allocation profile.
 */
public final class JingleWriter {
    private JingleWriter() {
    }

    public static String toXml(Jingle jingle) {
        StringSink sink = new StringSink(expectedLength(jingle));
        write(sink, jingle);
        return sink.result();
    }

    /**
     * About how many characters the XML will take, from the element counts (Chromium's BUNDLE offer: ~12 KB), so
     * the string sink allocates one buffer of the right size instead of growing or zeroing a large one.
     */
    private static int expectedLength(Jingle j) {
        int n = 256;
        List<Content> contents = j.contents();
        for (int i = 0; i < contents.size(); i++) {
            Content c = contents.get(i);
            n += 256;
            if (c.description().isPresent()) {
                RtpDescription d = c.description().get();
                n += 128 + 96 * d.headerExtensions().size() + 64 * d.feedback().size();
                List<PayloadType> payloads = d.payloadTypes();
                for (int k = 0; k < payloads.size(); k++) {
                    PayloadType p = payloads.get(k);
                    n += 96 + 64 * p.parameters().size() + 64 * p.feedback().size();
                }
                List<Source> sources = d.sources();
                for (int k = 0; k < sources.size(); k++) {
                    Source s = sources.get(k);
                    n += 64 + 96 * s.parameters().size();
                }
            }
            if (c.transport().isPresent()) {
                n += 256 + 224 * c.transport().get().candidates().size();
            }
        }
        return n;
    }

    public static Element toElement(Jingle jingle) {
        Dom4jSink sink = new Dom4jSink();
        write(sink, jingle);
        return sink.result();
    }

    private static void write(XmlSink s, Jingle j) {
        s.start(Tag.JINGLE);
        s.attribute(ACTION, j.action().token());
        attr(s, INITIATOR, j.initiator());
        attr(s, RESPONDER, j.responder());
        s.attribute(SID, j.sid());
        List<Content> cs = j.contents();
        for (int i = 0; i < cs.size(); i++) {
            Content c = cs.get(i);
            content(s, c);
        }
        List<ContentGroup> gs = j.groups();
        for (int i = 0; i < gs.size(); i++) {
            ContentGroup g = gs.get(i);
            s.start(Tag.GROUP);
            s.attribute(SEMANTICS, g.semantics());
            List<String> names = g.contents();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                s.start(Tag.GROUP_CONTENT);
                s.attribute(NAME, name);
                s.end();
            }
            s.end();
        }
        if (j.reason().isPresent()) {
            reason(s, j.reason().get());
        }
        raw(s, j.extra());
        s.end();
    }

    private static void content(XmlSink s, Content c) {
        s.start(Tag.CONTENT);
        s.attribute(CREATOR, c.creator().token());
        attr(s, DISPOSITION, c.disposition());
        s.attribute(NAME, c.name());
        if (c.senders().isPresent()) {
            s.attribute(SENDERS, c.senders().get().token());
        }
        others(s, c.attributes());
        // plain ifs, not ifPresent lambdas: no capturing lambda per element on the hot path
        if (c.description().isPresent()) {
            description(s, c.description().get());
        }
        if (c.transport().isPresent()) {
            transport(s, c.transport().get());
        }
        raw(s, c.extra());
        s.end();
    }

    private static void description(XmlSink s, RtpDescription d) {
        s.start(Tag.DESCRIPTION);
        s.attribute(MEDIA, d.media());
        attr(s, SSRC, d.ssrc());
        others(s, d.attributes());
        List<PayloadType> ps = d.payloadTypes();
        for (int i = 0; i < ps.size(); i++) {
            PayloadType p = ps.get(i);
            payloadType(s, p);
        }
        List<Bandwidth> bs = d.bandwidths();
        for (int i = 0; i < bs.size(); i++) {
            Bandwidth b = bs.get(i);
            s.start(Tag.BANDWIDTH);
            s.attribute(TYPE, b.type());
            s.text(b.value());
            s.end();
        }
        if (d.rtcpMux()) {
            s.start(Tag.RTCP_MUX);
            s.end();
        }
        feedback(s, d.feedback(), d.trrInt());
        List<HeaderExtension> hs = d.headerExtensions();
        for (int i = 0; i < hs.size(); i++) {
            HeaderExtension h = hs.get(i);
            s.start(Tag.RTP_HDREXT);
            s.attribute(ID, h.id());
            s.attribute(URI, h.uri());
            if (h.senders().isPresent()) {
                s.attribute(SENDERS, h.senders().get().token());
            }
            parameters(s, h.parameters(), Tag.HDREXT_PARAMETER);
            s.end();
        }
        if (d.extmapAllowMixed()) {
            s.start(Tag.EXTMAP_ALLOW_MIXED);
            s.end();
        }
        List<Source> srcs = d.sources();
        for (int i = 0; i < srcs.size(); i++) {
            Source src = srcs.get(i);
            s.start(Tag.SOURCE);
            s.attribute(SSRC, src.ssrc());
            others(s, src.attributes());
            parameters(s, src.parameters(), Tag.SOURCE_PARAMETER);
            raw(s, src.extra());
            s.end();
        }
        List<SourceGroup> gs = d.sourceGroups();
        for (int i = 0; i < gs.size(); i++) {
            SourceGroup g = gs.get(i);
            s.start(Tag.SSRC_GROUP);
            s.attribute(SEMANTICS, g.semantics());
            for (long ssrc : g.ssrcs()) {
                s.start(Tag.SOURCE);
                s.attribute(SSRC, ssrc);
                s.end();
            }
            s.end();
        }
        raw(s, d.extra());
        s.end();
    }

    private static void payloadType(XmlSink s, PayloadType p) {
        s.start(Tag.PAYLOAD_TYPE);
        s.attribute(ID, p.id());
        attr(s, NAME, p.name());
        attr(s, CLOCKRATE, p.clockrate());
        attr(s, CHANNELS, p.channels());
        attr(s, PTIME, p.ptime());
        attr(s, MAXPTIME, p.maxptime());
        others(s, p.attributes());
        parameters(s, p.parameters(), Tag.PARAMETER);
        feedback(s, p.feedback(), p.trrInt());
        raw(s, p.extra());
        s.end();
    }

    private static void feedback(XmlSink s, List<RtcpFeedback> feedback, OptionalInt trrInt) {
        for (int i = 0; i < feedback.size(); i++) {
            RtcpFeedback f = feedback.get(i);
            s.start(Tag.RTCP_FB);
            s.attribute(TYPE, f.type());
            attr(s, SUBTYPE, f.subtype());
            s.end();
        }
        if (trrInt.isPresent()) {
            s.start(Tag.RTCP_FB_TRR_INT);
            s.attribute(VALUE, trrInt.getAsInt());
            s.end();
        }
    }

    private static void parameters(XmlSink s, List<Parameter> parameters, Tag tag) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            s.start(tag);
            s.attribute(NAME, p.name());
            attr(s, VALUE, p.value());
            s.end();
        }
    }

    private static void transport(XmlSink s, IceUdpTransport t) {
        s.start(Tag.TRANSPORT);
        attr(s, UFRAG, t.ufrag());
        attr(s, PWD, t.pwd());
        others(s, t.attributes());
        List<Fingerprint> fs = t.fingerprints();
        for (int i = 0; i < fs.size(); i++) {
            Fingerprint f = fs.get(i);
            s.start(Tag.FINGERPRINT);
            s.attribute(HASH, f.hash());
            attr(s, SETUP, f.setup());
            attr(s, REQUIRED, f.required());
            others(s, f.attributes());
            s.text(f.value());
            s.end();
        }
        List<IceCandidate> cs = t.candidates();
        for (int i = 0; i < cs.size(); i++) {
            IceCandidate c = cs.get(i);
            candidate(s, c);
        }
        if (t.sctpmap().isPresent()) {
            SctpMap m = t.sctpmap().get();
            s.start(Tag.SCTPMAP);
            s.attribute(NUMBER, m.number());
            attr(s, PROTOCOL, m.protocol());
            attr(s, STREAMS, m.streams());
            attr(s, MAX_MESSAGE_SIZE, m.maxMessageSize());
            others(s, m.attributes());
            s.end();
        }
        raw(s, t.extra());
        s.end();
    }

    /** XEP-0176 §5.3 attribute order. */
    private static void candidate(XmlSink s, IceCandidate c) {
        s.start(Tag.CANDIDATE);
        s.attribute(COMPONENT, c.component());
        s.attribute(FOUNDATION, c.foundation());
        attr(s, GENERATION, c.generation());
        attr(s, ID, c.id());
        s.attribute(IP, c.address());
        attr(s, NETWORK, c.network());
        s.attribute(PORT, c.port());
        s.attribute(PRIORITY, c.priority());
        s.attribute(PROTOCOL, c.transport().token());
        if (c.related().isPresent()) {
            s.attribute(REL_ADDR, c.related().get().address());
            s.attribute(REL_PORT, String.valueOf(c.related().get().port()));
        }
        s.attribute(TYPE, c.type().token());
        // XEP-0176 has no tcptype (RFC 6544); kept as an extra attribute, as Jitsi does, so TCP candidates survive
        if (c.tcpType().isPresent()) {
            s.attribute(TCPTYPE, c.tcpType().get().token());
        }
        List<ExtensionPair> xs = c.extensions();
        for (int i = 0; i < xs.size(); i++) {
            ExtensionPair x = xs.get(i);
            s.attribute(x.name(), x.value());
        }
        s.end();
    }

    static void reason(XmlSink s, Reason r) {
        s.start(Tag.REASON);
        s.start(r.condition(), Namespaces.JINGLE);
        raw(s, r.extra());
        s.end();
        if (r.text().isPresent()) {
            s.start(Tag.TEXT);
            s.text(r.text().get());
            s.end();
        }
        s.end();
    }

    static void raw(XmlSink s, List<RawXml> extra) {
        for (int i = 0; i < extra.size(); i++) {
            RawXml x = extra.get(i);
            s.raw(x);
        }
    }

    private static void others(XmlSink s, List<XmlAttribute> attributes) {
        for (int i = 0; i < attributes.size(); i++) {
            XmlAttribute a = attributes.get(i);
            s.attribute(a.name(), a.value());
        }
    }

    private static void attr(XmlSink s, String name, Optional<String> value) {
        if (value.isPresent()) {
            s.attribute(name, value.get());
        }
    }

    private static void attr(XmlSink s, String name, OptionalInt value) {
        if (value.isPresent()) {
            s.attribute(name, value.getAsInt());
        }
    }

    private static void attr(XmlSink s, String name, OptionalLong value) {
        if (value.isPresent()) {
            s.attribute(name, value.getAsLong());
        }
    }
}
