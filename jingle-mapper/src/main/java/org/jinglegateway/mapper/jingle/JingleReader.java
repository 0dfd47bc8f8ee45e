package org.jinglegateway.mapper.jingle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dom4j.Element;
import org.jinglegateway.mapper.candidate.CandidateTransport;
import org.jinglegateway.mapper.candidate.CandidateType;
import org.jinglegateway.mapper.candidate.ExtensionPair;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.candidate.Related;
import org.jinglegateway.mapper.candidate.TcpType;

/**
 * Reads a {@code <jingle>} element (or an {@code <iq>} that holds one) into a {@link Jingle}: from the dom4j
 * element the XMPP layer already parsed, or from a string. Elements it does not type are kept as {@link RawXml};
 * bad values fail with the element path.
 */
public final class JingleReader {

    private JingleReader() {
    }

    /**
     * Reads a string holding a {@code <jingle>} or an {@code <iq>}; a DOCTYPE is refused. The string becomes a
     * compact {@link XmlNode} tree, not a dom4j one.
     */
    public static Jingle read(String xml) throws JingleParseException {
        return read(XmlNode.parse(xml));
    }

    /** Reads a {@code <jingle>} element or an {@code <iq>} with one inside, in place (the XMPP layer's parse). */
    public static Jingle read(Element element) throws JingleParseException {
        return read(new Dom4jView(element));
    }

    private static Jingle read(XmlView element) {
        XmlView jingle = element;
        if (!isJingle(element)) {
            jingle = null;
            for (XmlView child : element.elements()) {
                if (isJingle(child)) {
                    jingle = child;
                    break;
                }
            }
            if (jingle == null) {
                throw new JingleParseException(JingleParseException.Kind.NOT_JINGLE, "/" + element.name(),
                        "expected a <jingle xmlns='" + Namespaces.JINGLE + "'> element or an <iq> holding one");
            }
        }
        Run run = new Run();
        try {
            return run.jingle(jingle);
        } catch (IllegalArgumentException e) {
            // safety net: every model check should already be wrapped where it happens, with a precise path
            throw new JingleParseException(JingleParseException.Kind.BAD_VALUE, run.here(), e.getMessage());
        }
    }

    /** {@code <reason>} (XEP-0166 §7.4), also used by XEP-0353 messages; errors name {@code path}. */
    static Reason reason(Element r, String path) {
        return reason(new Dom4jView(r), path);
    }

    private static Reason reason(XmlView r, String path) {
        String condition = null;
        Optional<String> text = Optional.empty();
        List<RawXml> extra = new ArrayList<>();
        for (XmlView child : r.elements()) {
            if ("text".equals(child.name())) {
                text = Optional.of(child.text());
            } else if (condition == null && Namespaces.JINGLE.equals(child.namespace())) {
                condition = child.name();
                for (XmlView inner : child.elements()) {
                    extra.add(new RawXml(XmlText.of(inner)));
                }
            } else {
                extra.add(new RawXml(XmlText.of(child)));
            }
        }
        if (condition == null) {
            throw new JingleParseException(JingleParseException.Kind.MISSING, path,
                    "a <reason> needs a condition element such as <success/>");
        }
        return new Reason(condition, text, extra);
    }

    private static boolean isJingle(XmlView e) {
        return "jingle".equals(e.name()) && Namespaces.JINGLE.equals(e.namespace());
    }

    /** An element's namespace and name, the way every switch below tells children apart. */
    private static boolean is(XmlView e, String namespace, String name) {
        return name.equals(e.name()) && namespace.equals(e.namespace());
    }

    /** One read, carrying the current element path for errors. */
    private static final class Run {
        /** The elements from the root down; their names and indexes are only worked out for an error. */
        private final List<XmlView> path = new ArrayList<>();

        Jingle jingle(XmlView j) {
            path.add(j);
            JingleAction action = value(j, "action", JingleAction::of);
            String sid = required(j, "sid");
            List<Content> contents = new ArrayList<>();
            List<ContentGroup> groups = new ArrayList<>();
            Optional<Reason> reason = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : j.elements()) {
                enter(child);
                if (is(child, Namespaces.JINGLE, "content")) {
                    contents.add(content(child));
                } else if (is(child, Namespaces.GROUPING, "group")) {
                    groups.add(group(child));
                } else if (is(child, Namespaces.JINGLE, "reason")) {
                    reason = Optional.of(reason(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new Jingle(action, sid, optional(j, "initiator"), optional(j, "responder"), contents, groups,
                    reason, extra);
        }

        private Content content(XmlView c) {
            Creator creator = value(c, "creator", Creator::of);
            String name = required(c, "name");
            Optional<Senders> senders = optional(c, "senders").map(s -> convert(c, "senders", Senders::of, s));
            Optional<RtpDescription> description = Optional.empty();
            Optional<IceUdpTransport> transport = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : c.elements()) {
                enter(child);
                if (is(child, Namespaces.RTP, "description") && description.isEmpty()) {
                    description = Optional.of(description(child));
                } else if (is(child, Namespaces.ICE_UDP, "transport") && transport.isEmpty()) {
                    transport = Optional.of(transport(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new Content(creator, name, optional(c, "disposition"), senders, description, transport,
                    others(c, "creator", "name", "disposition", "senders"), extra);
        }

        private RtpDescription description(XmlView d) {
            List<PayloadType> payloads = new ArrayList<>();
            List<Bandwidth> bandwidths = new ArrayList<>();
            boolean rtcpMux = false;
            List<RtcpFeedback> feedback = new ArrayList<>();
            OptionalInt trrInt = OptionalInt.empty();
            List<HeaderExtension> hdrexts = new ArrayList<>();
            boolean allowMixed = false;
            List<Source> sources = new ArrayList<>();
            List<SourceGroup> groups = new ArrayList<>();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : d.elements()) {
                enter(child);
                if (is(child, Namespaces.RTP, "payload-type")) {
                    payloads.add(payloadType(child));
                } else if (is(child, Namespaces.RTP, "bandwidth")) {
                    bandwidths.add(new Bandwidth(required(child, "type"), child.text()));
                } else if (is(child, Namespaces.RTP, "rtcp-mux")) {
                    rtcpMux = true;
                } else if (is(child, Namespaces.RTCP_FB, "rtcp-fb")) {
                    feedback.add(feedback(child));
                } else if (is(child, Namespaces.RTCP_FB, "rtcp-fb-trr-int")) {
                    trrInt = OptionalInt.of(integer(child, "value", 0, Integer.MAX_VALUE));
                } else if (is(child, Namespaces.HDREXT, "rtp-hdrext")) {
                    hdrexts.add(headerExtension(child));
                } else if (is(child, Namespaces.HDREXT, "extmap-allow-mixed")) {
                    allowMixed = true;
                } else if (is(child, Namespaces.SSMA, "source")) {
                    sources.add(source(child));
                } else if (is(child, Namespaces.SSMA, "ssrc-group")) {
                    groups.add(sourceGroup(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new RtpDescription(required(d, "media"), optional(d, "ssrc"), payloads, bandwidths, rtcpMux,
                    feedback, trrInt, hdrexts, allowMixed, sources, groups, others(d, "media", "ssrc"), extra);
        }

        private PayloadType payloadType(XmlView p) {
            int id = integer(p, "id", 0, 127);
            List<Parameter> parameters = new ArrayList<>();
            List<RtcpFeedback> feedback = new ArrayList<>();
            OptionalInt trrInt = OptionalInt.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : p.elements()) {
                enter(child);
                if (is(child, Namespaces.RTP, "parameter")) {
                    parameters.add(parameter(child));
                } else if (is(child, Namespaces.RTCP_FB, "rtcp-fb")) {
                    feedback.add(feedback(child));
                } else if (is(child, Namespaces.RTCP_FB, "rtcp-fb-trr-int")) {
                    trrInt = OptionalInt.of(integer(child, "value", 0, Integer.MAX_VALUE));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new PayloadType(id, optional(p, "name"), optionalLong(p, "clockrate", 0, 0xFFFF_FFFFL),
                    optionalInt(p, "channels", 0, 255), optionalInt(p, "ptime", 0, Integer.MAX_VALUE),
                    optionalInt(p, "maxptime", 0, Integer.MAX_VALUE), parameters, feedback, trrInt,
                    others(p, "id", "name", "clockrate", "channels", "ptime", "maxptime"), extra);
        }

        private Parameter parameter(XmlView p) {
            return new Parameter(required(p, "name"), optional(p, "value"));
        }

        private RtcpFeedback feedback(XmlView f) {
            return new RtcpFeedback(required(f, "type"), optional(f, "subtype"));
        }

        private HeaderExtension headerExtension(XmlView h) {
            List<Parameter> parameters = new ArrayList<>();
            for (XmlView child : h.elements()) {
                if ("parameter".equals(child.name())) {
                    parameters.add(parameter(child));
                }
            }
            return new HeaderExtension(integer(h, "id", 1, 255), required(h, "uri"),
                    optional(h, "senders").map(s -> convert(h, "senders", Senders::of, s)), parameters);
        }

        private Source source(XmlView s) {
            List<Parameter> parameters = new ArrayList<>();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : s.elements()) {
                if ("parameter".equals(child.name())) {
                    parameters.add(parameter(child));
                } else {
                    extra.add(raw(child));
                }
            }
            return new Source(longValue(s, "ssrc", 0, 0xFFFF_FFFFL), parameters, others(s, "ssrc"), extra);
        }

        private SourceGroup sourceGroup(XmlView g) {
            List<Long> ssrcs = new ArrayList<>();
            for (XmlView child : g.elements()) {
                enter(child);
                ssrcs.add(longValue(child, "ssrc", 0, 0xFFFF_FFFFL));
                leave();
            }
            return new SourceGroup(required(g, "semantics"), ssrcs);
        }

        private IceUdpTransport transport(XmlView t) {
            List<IceCandidate> candidates = new ArrayList<>();
            List<Fingerprint> fingerprints = new ArrayList<>();
            Optional<SctpMap> sctpmap = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : t.elements()) {
                enter(child);
                if (is(child, Namespaces.ICE_UDP, "candidate")) {
                    candidates.add(candidate(child));
                } else if (is(child, Namespaces.DTLS, "fingerprint")) {
                    fingerprints.add(new Fingerprint(required(child, "hash"), optional(child, "setup"),
                            child.textTrim(), optional(child, "required"), others(child, "hash", "setup",
                            "required")));
                } else if (is(child, Namespaces.DTLS_SCTP, "sctpmap") && sctpmap.isEmpty()) {
                    sctpmap = Optional.of(sctpmap(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new IceUdpTransport(optional(t, "ufrag"), optional(t, "pwd"), candidates, fingerprints, sctpmap,
                    others(t, "ufrag", "pwd"), extra);
        }

        private SctpMap sctpmap(XmlView s) {
            int number = integer(s, "number", 0, 65535);
            OptionalInt streams = optionalInt(s, "streams", 0, 65535);
            return build(s, () -> new SctpMap(number, optional(s, "protocol"), streams, optional(s,
                    "max-message-size"), others(s, "number", "protocol", "streams", "max-message-size")));
        }

        private IceCandidate candidate(XmlView c) {
            Optional<Related> related = Optional.empty();
            Optional<String> relAddr = optional(c, "rel-addr");
            OptionalInt relPort = optionalInt(c, "rel-port", 0, 65535);
            if (relAddr.isPresent() && relPort.isPresent()) {
                related = Optional.of(build(c, () -> new Related(relAddr.get(), relPort.getAsInt())));
            }
            List<ExtensionPair> unknown = new ArrayList<>();
            for (int i = 0; i < c.attributeCount(); i++) {
                String name = c.attributeName(i);
                if (!IceCandidate.XML_ATTRIBUTES.contains(name)) {
                    unknown.add(convert(c, name, v -> new ExtensionPair(name, v), c.attributeValue(i)));
                }
            }
            Optional<Related> rel = related;
            return build(c, () -> new IceCandidate(required(c, "foundation"), integer(c, "component", 1, 256),
                    CandidateTransport.of(required(c, "protocol")), longValue(c, "priority", 0, 0xFFFF_FFFFL),
                    required(c, "ip"), integer(c, "port", 0, 65535), CandidateType.of(required(c, "type")), rel,
                    optional(c, "tcptype").map(t -> convert(c, "tcptype", v -> TcpType.of(v).orElseThrow(() ->
                            new IllegalArgumentException("tcptype must be active, passive or so, found \"" + v
                                    + "\"")), t)), optionalInt(c, "generation", 0, Integer.MAX_VALUE),
                    optionalInt(c, "network", 0, Integer.MAX_VALUE), optional(c, "id"), unknown));
        }

        private ContentGroup group(XmlView g) {
            List<String> names = new ArrayList<>();
            for (XmlView child : g.elements()) {
                if ("content".equals(child.name())) {
                    names.add(required(child, "name"));
                }
            }
            return new ContentGroup(required(g, "semantics"), names);
        }

        private Reason reason(XmlView r) {
            return JingleReader.reason(r, here());
        }

        // ---- attribute helpers, each failing with the path ----

        private String required(XmlView e, String name) {
            String v = e.attribute(name);
            if (v == null) {
                throw new JingleParseException(JingleParseException.Kind.MISSING, here() + "/@" + name,
                        "the attribute is required");
            }
            return v;
        }

        private static Optional<String> optional(XmlView e, String name) {
            return Optional.ofNullable(e.attribute(name));
        }

        private <T> T value(XmlView e, String name, java.util.function.Function<String, T> parse) {
            return convert(e, name, parse, required(e, name));
        }

        private <T> T convert(XmlView e, String name, java.util.function.Function<String, T> parse, String raw) {
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException ex) {
                throw new JingleParseException(JingleParseException.Kind.BAD_VALUE, here() + "/@" + name,
                        ex.getMessage());
            }
        }

        private <T> T build(XmlView e, java.util.function.Supplier<T> s) {
            try {
                return s.get();
            } catch (IllegalArgumentException ex) {
                throw new JingleParseException(JingleParseException.Kind.BAD_VALUE, here(), ex.getMessage());
            }
        }

        private int integer(XmlView e, String name, int min, int max) {
            return (int) longValue(e, name, min, max);
        }

        private long longValue(XmlView e, String name, long min, long max) {
            return number(required(e, name), name, min, max);
        }

        private OptionalInt optionalInt(XmlView e, String name, int min, int max) {
            String v = e.attribute(name);
            return v == null ? OptionalInt.empty() : OptionalInt.of((int) number(v, name, min, max));
        }

        private OptionalLong optionalLong(XmlView e, String name, long min, long max) {
            String v = e.attribute(name);
            return v == null ? OptionalLong.empty() : OptionalLong.of(number(v, name, min, max));
        }

        private long number(String v, String name, long min, long max) {
            java.util.OptionalLong parsed = org.jinglegateway.mapper.internal.Decimals.parse(v);
            long n = parsed.orElse(-1);
            if (parsed.isEmpty() || n < min || n > max) {
                throw new JingleParseException(JingleParseException.Kind.BAD_VALUE, here() + "/@" + name,
                        "must be a number " + min + "-" + max + ", found \"" + v + "\"");
            }
            return n;
        }

        /** The attributes not named, in document order (namespace declarations are not attributes in dom4j). */
        private static List<XmlAttribute> others(XmlView e, String... known) {
            List<XmlAttribute> out = new ArrayList<>();
            for (int i = 0; i < e.attributeCount(); i++) {
                String name = e.attributeQualifiedName(i);
                boolean isKnown = false;
                for (String k : known) {
                    isKnown |= k.equals(name);
                }
                if (!isKnown) {
                    out.add(new XmlAttribute(name, e.attributeValue(i)));
                }
            }
            return out;
        }

        private RawXml raw(XmlView e) {
            return new RawXml(XmlText.of(e));
        }

        private void enter(XmlView child) {
            path.add(child);
        }

        private void leave() {
            path.remove(path.size() - 1);
        }

        private String here() {
            StringBuilder b = new StringBuilder("/").append(path.get(0).name());
            for (int i = 1; i < path.size(); i++) {
                XmlView e = path.get(i);
                int index = 1;
                for (XmlView sibling : path.get(i - 1).elements()) {
                    if (sibling == e) {
                        break;
                    }
                    if (sibling.name().equals(e.name())) {
                        index++;
                    }
                }
                b.append('/').append(e.name()).append('[').append(index).append(']');
            }
            return b.toString();
        }
    }

    /** Positions of same-named siblings, 1-based as in XPath. */
}
