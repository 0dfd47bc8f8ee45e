package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.jinglegateway.mapper.candidate.ExtensionPair;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * Writes a {@link Jingle} as a dom4j element (what Tinder sends) or a string. Canonical: attributes in model
 * order, absent optionals left out, raw elements put back at the end of their parent.
 */
public final class JingleWriter {
    private JingleWriter() {
    }

    public static String toXml(Jingle jingle) {
        return toElement(jingle).asXML();
    }

    public static Element toElement(Jingle j) {
        Element e = DocumentHelper.createElement(q("jingle", Namespaces.JINGLE));
        e.addAttribute("action", j.action().token());
        attr(e, "initiator", j.initiator());
        attr(e, "responder", j.responder());
        e.addAttribute("sid", j.sid());
        for (Content c : j.contents()) {
            content(e.addElement(q("content", Namespaces.JINGLE)), c);
        }
        for (ContentGroup g : j.groups()) {
            Element ge = e.addElement(q("group", Namespaces.GROUPING)).addAttribute("semantics", g.semantics());
            for (String name : g.contents()) {
                ge.addElement(q("content", Namespaces.GROUPING)).addAttribute("name", name);
            }
        }
        j.reason().ifPresent(r -> reason(e.addElement(q("reason", Namespaces.JINGLE)), r));
        raw(e, j.extra());
        return e;
    }

    private static void content(Element e, Content c) {
        e.addAttribute("creator", c.creator().token());
        attr(e, "disposition", c.disposition());
        e.addAttribute("name", c.name());
        c.senders().ifPresent(s -> e.addAttribute("senders", s.token()));
        others(e, c.attributes());
        c.description().ifPresent(d -> description(e.addElement(q("description", Namespaces.RTP)), d));
        c.transport().ifPresent(t -> transport(e.addElement(q("transport", Namespaces.ICE_UDP)), t));
        raw(e, c.extra());
    }

    private static void description(Element e, RtpDescription d) {
        e.addAttribute("media", d.media());
        attr(e, "ssrc", d.ssrc());
        others(e, d.attributes());
        for (PayloadType p : d.payloadTypes()) {
            payloadType(e.addElement(q("payload-type", Namespaces.RTP)), p);
        }
        for (Bandwidth b : d.bandwidths()) {
            e.addElement(q("bandwidth", Namespaces.RTP)).addAttribute("type", b.type()).setText(b.value());
        }
        if (d.rtcpMux()) {
            e.addElement(q("rtcp-mux", Namespaces.RTP));
        }
        feedback(e, d.feedback(), d.trrInt());
        for (HeaderExtension h : d.headerExtensions()) {
            Element he = e.addElement(q("rtp-hdrext", Namespaces.HDREXT));
            he.addAttribute("id", String.valueOf(h.id())).addAttribute("uri", h.uri());
            h.senders().ifPresent(s -> he.addAttribute("senders", s.token()));
            parameters(he, h.parameters(), Namespaces.HDREXT);
        }
        if (d.extmapAllowMixed()) {
            e.addElement(q("extmap-allow-mixed", Namespaces.HDREXT));
        }
        for (Source s : d.sources()) {
            Element se = e.addElement(q("source", Namespaces.SSMA)).addAttribute("ssrc", String.valueOf(s.ssrc()));
            others(se, s.attributes());
            parameters(se, s.parameters(), Namespaces.SSMA);
            raw(se, s.extra());
        }
        for (SourceGroup g : d.sourceGroups()) {
            Element ge = e.addElement(q("ssrc-group", Namespaces.SSMA)).addAttribute("semantics", g.semantics());
            for (long ssrc : g.ssrcs()) {
                ge.addElement(q("source", Namespaces.SSMA)).addAttribute("ssrc", String.valueOf(ssrc));
            }
        }
        raw(e, d.extra());
    }

    private static void payloadType(Element e, PayloadType p) {
        e.addAttribute("id", String.valueOf(p.id()));
        attr(e, "name", p.name());
        attr(e, "clockrate", p.clockrate());
        attr(e, "channels", p.channels());
        attr(e, "ptime", p.ptime());
        attr(e, "maxptime", p.maxptime());
        others(e, p.attributes());
        parameters(e, p.parameters(), Namespaces.RTP);
        feedback(e, p.feedback(), p.trrInt());
        raw(e, p.extra());
    }

    private static void feedback(Element e, List<RtcpFeedback> feedback, OptionalInt trrInt) {
        for (RtcpFeedback f : feedback) {
            Element fe = e.addElement(q("rtcp-fb", Namespaces.RTCP_FB)).addAttribute("type", f.type());
            attr(fe, "subtype", f.subtype());
        }
        trrInt.ifPresent(v -> e.addElement(q("rtcp-fb-trr-int", Namespaces.RTCP_FB))
                .addAttribute("value", String.valueOf(v)));
    }

    private static void parameters(Element e, List<Parameter> parameters, String namespace) {
        for (Parameter p : parameters) {
            Element pe = e.addElement(q("parameter", namespace)).addAttribute("name", p.name());
            attr(pe, "value", p.value());
        }
    }

    private static void transport(Element e, IceUdpTransport t) {
        attr(e, "ufrag", t.ufrag());
        attr(e, "pwd", t.pwd());
        others(e, t.attributes());
        for (Fingerprint f : t.fingerprints()) {
            Element fe = e.addElement(q("fingerprint", Namespaces.DTLS)).addAttribute("hash", f.hash());
            attr(fe, "setup", f.setup());
            attr(fe, "required", f.required());
            others(fe, f.attributes());
            fe.setText(f.value());
        }
        for (IceCandidate c : t.candidates()) {
            candidate(e.addElement(q("candidate", Namespaces.ICE_UDP)), c);
        }
        raw(e, t.extra());
    }

    /** XEP-0176 §5.3 attribute order. */
    private static void candidate(Element e, IceCandidate c) {
        e.addAttribute("component", String.valueOf(c.component()));
        e.addAttribute("foundation", c.foundation());
        attr(e, "generation", c.generation());
        attr(e, "id", c.id());
        e.addAttribute("ip", c.address());
        attr(e, "network", c.network());
        e.addAttribute("port", String.valueOf(c.port()));
        e.addAttribute("priority", String.valueOf(c.priority()));
        e.addAttribute("protocol", c.transport().token());
        c.related().ifPresent(r -> e.addAttribute("rel-addr", r.address())
                .addAttribute("rel-port", String.valueOf(r.port())));
        e.addAttribute("type", c.type().token());
        for (ExtensionPair x : c.extensions()) {
            e.addAttribute(x.name(), x.value());
        }
    }

    private static void reason(Element e, Reason r) {
        Element condition = e.addElement(q(r.condition(), Namespaces.JINGLE));
        raw(condition, r.extra());
        r.text().ifPresent(t -> e.addElement(q("text", Namespaces.JINGLE)).setText(t));
    }

    private static void raw(Element parent, List<RawXml> extra) {
        for (RawXml x : extra) {
            try {
                parent.add(DocumentHelper.parseText(x.xml()).getRootElement().detach());
            } catch (DocumentException e) {
                throw new IllegalStateException("RawXml holds an element the reader produced: " + e.getMessage(), e);
            }
        }
    }

    private static void others(Element e, List<XmlAttribute> attributes) {
        for (XmlAttribute a : attributes) {
            e.addAttribute(a.name(), a.value());
        }
    }

    private static QName q(String name, String namespace) {
        return QName.get(name, Namespace.get("", namespace));
    }

    private static void attr(Element e, String name, Optional<String> value) {
        value.ifPresent(v -> e.addAttribute(name, v));
    }

    private static void attr(Element e, String name, OptionalInt value) {
        value.ifPresent(v -> e.addAttribute(name, String.valueOf(v)));
    }

    private static void attr(Element e, String name, OptionalLong value) {
        value.ifPresent(v -> e.addAttribute(name, String.valueOf(v)));
    }
}
