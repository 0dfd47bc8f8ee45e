package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dom4j.Element;
import org.jinglegateway.mapper.candidate.ExtensionPair;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * Writes a {@link Jingle} as a dom4j element (what Tinder sends) or straight to a string; one writing logic, two
 * sinks. Canonical: attributes in model order, absent optionals left out, raw elements put back at the end of
 * their parent.
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
        for (Content c : j.contents()) {
            n += 256;
            if (c.description().isPresent()) {
                RtpDescription d = c.description().get();
                n += 128 + 96 * d.headerExtensions().size() + 64 * d.feedback().size();
                for (PayloadType p : d.payloadTypes()) {
                    n += 96 + 64 * p.parameters().size() + 64 * p.feedback().size();
                }
                for (Source s : d.sources()) {
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
        s.start("jingle", Namespaces.JINGLE);
        s.attribute("action", j.action().token());
        attr(s, "initiator", j.initiator());
        attr(s, "responder", j.responder());
        s.attribute("sid", j.sid());
        for (Content c : j.contents()) {
            content(s, c);
        }
        for (ContentGroup g : j.groups()) {
            s.start("group", Namespaces.GROUPING);
            s.attribute("semantics", g.semantics());
            for (String name : g.contents()) {
                s.start("content", Namespaces.GROUPING);
                s.attribute("name", name);
                s.end();
            }
            s.end();
        }
        j.reason().ifPresent(r -> reason(s, r));
        raw(s, j.extra());
        s.end();
    }

    private static void content(XmlSink s, Content c) {
        s.start("content", Namespaces.JINGLE);
        s.attribute("creator", c.creator().token());
        attr(s, "disposition", c.disposition());
        s.attribute("name", c.name());
        c.senders().ifPresent(v -> s.attribute("senders", v.token()));
        others(s, c.attributes());
        c.description().ifPresent(d -> description(s, d));
        c.transport().ifPresent(t -> transport(s, t));
        raw(s, c.extra());
        s.end();
    }

    private static void description(XmlSink s, RtpDescription d) {
        s.start("description", Namespaces.RTP);
        s.attribute("media", d.media());
        attr(s, "ssrc", d.ssrc());
        others(s, d.attributes());
        for (PayloadType p : d.payloadTypes()) {
            payloadType(s, p);
        }
        for (Bandwidth b : d.bandwidths()) {
            s.start("bandwidth", Namespaces.RTP);
            s.attribute("type", b.type());
            s.text(b.value());
            s.end();
        }
        if (d.rtcpMux()) {
            s.start("rtcp-mux", Namespaces.RTP);
            s.end();
        }
        feedback(s, d.feedback(), d.trrInt());
        for (HeaderExtension h : d.headerExtensions()) {
            s.start("rtp-hdrext", Namespaces.HDREXT);
            s.attribute("id", h.id());
            s.attribute("uri", h.uri());
            h.senders().ifPresent(v -> s.attribute("senders", v.token()));
            parameters(s, h.parameters(), Namespaces.HDREXT);
            s.end();
        }
        if (d.extmapAllowMixed()) {
            s.start("extmap-allow-mixed", Namespaces.HDREXT);
            s.end();
        }
        for (Source src : d.sources()) {
            s.start("source", Namespaces.SSMA);
            s.attribute("ssrc", src.ssrc());
            others(s, src.attributes());
            parameters(s, src.parameters(), Namespaces.SSMA);
            raw(s, src.extra());
            s.end();
        }
        for (SourceGroup g : d.sourceGroups()) {
            s.start("ssrc-group", Namespaces.SSMA);
            s.attribute("semantics", g.semantics());
            for (long ssrc : g.ssrcs()) {
                s.start("source", Namespaces.SSMA);
                s.attribute("ssrc", ssrc);
                s.end();
            }
            s.end();
        }
        raw(s, d.extra());
        s.end();
    }

    private static void payloadType(XmlSink s, PayloadType p) {
        s.start("payload-type", Namespaces.RTP);
        s.attribute("id", p.id());
        attr(s, "name", p.name());
        attr(s, "clockrate", p.clockrate());
        attr(s, "channels", p.channels());
        attr(s, "ptime", p.ptime());
        attr(s, "maxptime", p.maxptime());
        others(s, p.attributes());
        parameters(s, p.parameters(), Namespaces.RTP);
        feedback(s, p.feedback(), p.trrInt());
        raw(s, p.extra());
        s.end();
    }

    private static void feedback(XmlSink s, List<RtcpFeedback> feedback, OptionalInt trrInt) {
        for (RtcpFeedback f : feedback) {
            s.start("rtcp-fb", Namespaces.RTCP_FB);
            s.attribute("type", f.type());
            attr(s, "subtype", f.subtype());
            s.end();
        }
        if (trrInt.isPresent()) {
            s.start("rtcp-fb-trr-int", Namespaces.RTCP_FB);
            s.attribute("value", trrInt.getAsInt());
            s.end();
        }
    }

    private static void parameters(XmlSink s, List<Parameter> parameters, String namespace) {
        for (Parameter p : parameters) {
            s.start("parameter", namespace);
            s.attribute("name", p.name());
            attr(s, "value", p.value());
            s.end();
        }
    }

    private static void transport(XmlSink s, IceUdpTransport t) {
        s.start("transport", Namespaces.ICE_UDP);
        attr(s, "ufrag", t.ufrag());
        attr(s, "pwd", t.pwd());
        others(s, t.attributes());
        for (Fingerprint f : t.fingerprints()) {
            s.start("fingerprint", Namespaces.DTLS);
            s.attribute("hash", f.hash());
            attr(s, "setup", f.setup());
            attr(s, "required", f.required());
            others(s, f.attributes());
            s.text(f.value());
            s.end();
        }
        for (IceCandidate c : t.candidates()) {
            candidate(s, c);
        }
        if (t.sctpmap().isPresent()) {
            SctpMap m = t.sctpmap().get();
            s.start("sctpmap", Namespaces.DTLS_SCTP);
            s.attribute("number", m.number());
            attr(s, "protocol", m.protocol());
            attr(s, "streams", m.streams());
            attr(s, "max-message-size", m.maxMessageSize());
            others(s, m.attributes());
            s.end();
        }
        raw(s, t.extra());
        s.end();
    }

    /** XEP-0176 §5.3 attribute order. */
    private static void candidate(XmlSink s, IceCandidate c) {
        s.start("candidate", Namespaces.ICE_UDP);
        s.attribute("component", c.component());
        s.attribute("foundation", c.foundation());
        attr(s, "generation", c.generation());
        attr(s, "id", c.id());
        s.attribute("ip", c.address());
        attr(s, "network", c.network());
        s.attribute("port", c.port());
        s.attribute("priority", c.priority());
        s.attribute("protocol", c.transport().token());
        if (c.related().isPresent()) {
            s.attribute("rel-addr", c.related().get().address());
            s.attribute("rel-port", String.valueOf(c.related().get().port()));
        }
        s.attribute("type", c.type().token());
        // XEP-0176 has no tcptype (RFC 6544); kept as an extra attribute, as Jitsi does, so TCP candidates survive
        c.tcpType().ifPresent(t -> s.attribute("tcptype", t.token()));
        for (ExtensionPair x : c.extensions()) {
            s.attribute(x.name(), x.value());
        }
        s.end();
    }

    static void reason(XmlSink s, Reason r) {
        s.start("reason", Namespaces.JINGLE);
        s.start(r.condition(), Namespaces.JINGLE);
        raw(s, r.extra());
        s.end();
        if (r.text().isPresent()) {
            s.start("text", Namespaces.JINGLE);
            s.text(r.text().get());
            s.end();
        }
        s.end();
    }

    static void raw(XmlSink s, List<RawXml> extra) {
        for (RawXml x : extra) {
            s.raw(x);
        }
    }

    private static void others(XmlSink s, List<XmlAttribute> attributes) {
        for (XmlAttribute a : attributes) {
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
