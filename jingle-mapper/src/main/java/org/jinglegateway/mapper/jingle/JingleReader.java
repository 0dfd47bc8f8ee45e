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
import org.jinglegateway.mapper.jingle.JingleNames.Tag;

/**
 * Reads a {@code <jingle>} element (or an {@code <iq>} that holds one) into a {@link Jingle}: from the dom4j
 * element the XMPP layer already parsed, or from a string. Elements it does not type are kept as {@link RawXml};
 * bad values fail with the element path.
 */
public final class JingleReader {

    // the attributes each element's model types; the rest are kept as XmlAttribute (one array each, not per call)
    private static final String[] CONTENT_TYPED = {CREATOR, NAME, DISPOSITION, SENDERS};
    private static final String[] DESCRIPTION_TYPED = {MEDIA, SSRC};
    private static final String[] PAYLOAD_TYPE_TYPED = {ID, NAME, CLOCKRATE, CHANNELS, PTIME, MAXPTIME};
    private static final String[] SOURCE_TYPED = {SSRC};
    private static final String[] TRANSPORT_TYPED = {UFRAG, PWD};
    private static final String[] FINGERPRINT_TYPED = {HASH, SETUP, REQUIRED};
    private static final String[] SCTPMAP_TYPED = {NUMBER, PROTOCOL, STREAMS, MAX_MESSAGE_SIZE};

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
            if (Tag.TEXT.local().equals(child.name())) {
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
        return is(e, Tag.JINGLE);
    }

    /** An element's namespace and name, the way every switch below tells children apart. */
    private static boolean is(XmlView e, Tag tag) {
        return tag.local().equals(e.name()) && tag.namespace().equals(e.namespace());
    }

    /** One read, carrying the current element path for errors. */
    private static final class Run {
        /** The elements from the root down; their names and indexes are only worked out for an error. */
        private final List<XmlView> path = new ArrayList<>();
        /** The action read, which names the writer's role for a direction written into an rtp-hdrext id. */
        private JingleAction action;

        Jingle jingle(XmlView j) {
            path.add(j);
            action = value(j, ACTION, JingleAction::of);
            String sid = required(j, SID);
            List<Content> contents = new ArrayList<>();
            List<ContentGroup> groups = new ArrayList<>();
            Optional<Reason> reason = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : j.elements()) {
                enter(child);
                if (is(child, Tag.CONTENT)) {
                    contents.add(content(child));
                } else if (is(child, Tag.GROUP)) {
                    groups.add(group(child));
                } else if (is(child, Tag.REASON)) {
                    reason = Optional.of(reason(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new Jingle(action, sid, optional(j, INITIATOR), optional(j, RESPONDER), contents, groups,
                    reason, extra);
        }

        private Content content(XmlView c) {
            Creator creator = value(c, CREATOR, Creator::of);
            String name = required(c, NAME);
            Optional<Senders> senders = optional(c, SENDERS).map(s -> convert(c, SENDERS, Senders::of, s));
            Optional<RtpDescription> description = Optional.empty();
            Optional<IceUdpTransport> transport = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : c.elements()) {
                enter(child);
                if (is(child, Tag.DESCRIPTION) && description.isEmpty()) {
                    description = Optional.of(description(child));
                } else if (is(child, Tag.TRANSPORT) && transport.isEmpty()) {
                    transport = Optional.of(transport(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new Content(creator, name, optional(c, DISPOSITION), senders, description, transport,
                    others(c, CONTENT_TYPED), extra);
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
                if (is(child, Tag.PAYLOAD_TYPE)) {
                    payloads.add(payloadType(child));
                } else if (is(child, Tag.BANDWIDTH)) {
                    bandwidths.add(new Bandwidth(required(child, TYPE), child.text()));
                } else if (is(child, Tag.RTCP_MUX)) {
                    rtcpMux = true;
                } else if (is(child, Tag.RTCP_FB)) {
                    feedback.add(feedback(child));
                } else if (is(child, Tag.RTCP_FB_TRR_INT)) {
                    trrInt = OptionalInt.of(integer(child, VALUE, 0, Integer.MAX_VALUE));
                } else if (is(child, Tag.RTP_HDREXT)) {
                    hdrexts.add(headerExtension(child));
                } else if (is(child, Tag.EXTMAP_ALLOW_MIXED)) {
                    allowMixed = true;
                } else if (is(child, Tag.SOURCE)) {
                    sources.add(source(child));
                } else if (is(child, Tag.SSRC_GROUP)) {
                    groups.add(sourceGroup(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new RtpDescription(required(d, MEDIA), optional(d, SSRC), payloads, bandwidths, rtcpMux,
                    feedback, trrInt, hdrexts, allowMixed, sources, groups, others(d, DESCRIPTION_TYPED), extra);
        }

        private PayloadType payloadType(XmlView p) {
            int id = integer(p, ID, 0, 127);
            List<Parameter> parameters = new ArrayList<>();
            List<RtcpFeedback> feedback = new ArrayList<>();
            OptionalInt trrInt = OptionalInt.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : p.elements()) {
                enter(child);
                if (is(child, Tag.PARAMETER)) {
                    parameters.add(parameter(child));
                } else if (is(child, Tag.RTCP_FB)) {
                    feedback.add(feedback(child));
                } else if (is(child, Tag.RTCP_FB_TRR_INT)) {
                    trrInt = OptionalInt.of(integer(child, VALUE, 0, Integer.MAX_VALUE));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new PayloadType(id, optional(p, NAME), optionalLong(p, CLOCKRATE, 0, 0xFFFF_FFFFL),
                    optionalInt(p, CHANNELS, 0, 255), optionalInt(p, PTIME, 0, Integer.MAX_VALUE),
                    optionalInt(p, MAXPTIME, 0, Integer.MAX_VALUE), parameters, feedback, trrInt,
                    others(p, PAYLOAD_TYPE_TYPED), extra);
        }

        private Parameter parameter(XmlView p) {
            return new Parameter(required(p, NAME), optional(p, VALUE));
        }

        private RtcpFeedback feedback(XmlView f) {
            return new RtcpFeedback(required(f, TYPE), optional(f, SUBTYPE));
        }

        private HeaderExtension headerExtension(XmlView h) {
            List<Parameter> parameters = new ArrayList<>();
            for (XmlView child : h.elements()) {
                if (Tag.HDREXT_PARAMETER.local().equals(child.name())) {
                    parameters.add(parameter(child));
                }
            }
            String id = required(h, ID);
            int slash = id.indexOf('/');
            Optional<Senders> senders = optional(h, SENDERS).map(s -> convert(h, SENDERS, Senders::of, s));
            if (slash >= 0 && senders.isEmpty()) {
                // Conversations copies an a=extmap direction into the id ("2/recvonly"): read as id and direction
                senders = convert(h, ID, d -> HdrextDirection.senders(d, action), id.substring(slash + 1));
            }
            return new HeaderExtension((int) number(slash >= 0 ? id.substring(0, slash) : id, ID, 1, 255),
                    required(h, URI), senders, parameters);
        }

        private Source source(XmlView s) {
            List<Parameter> parameters = new ArrayList<>();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : s.elements()) {
                if (Tag.SOURCE_PARAMETER.local().equals(child.name())) {
                    parameters.add(parameter(child));
                } else {
                    extra.add(raw(child));
                }
            }
            return new Source(longValue(s, SSRC, 0, 0xFFFF_FFFFL), parameters, others(s, SOURCE_TYPED), extra);
        }

        private SourceGroup sourceGroup(XmlView g) {
            List<Long> ssrcs = new ArrayList<>();
            for (XmlView child : g.elements()) {
                enter(child);
                ssrcs.add(longValue(child, SSRC, 0, 0xFFFF_FFFFL));
                leave();
            }
            return new SourceGroup(required(g, SEMANTICS), ssrcs);
        }

        private IceUdpTransport transport(XmlView t) {
            List<IceCandidate> candidates = new ArrayList<>();
            List<Fingerprint> fingerprints = new ArrayList<>();
            Optional<SctpMap> sctpmap = Optional.empty();
            List<RawXml> extra = new ArrayList<>();
            for (XmlView child : t.elements()) {
                enter(child);
                if (is(child, Tag.CANDIDATE)) {
                    candidates.add(candidate(child));
                } else if (is(child, Tag.FINGERPRINT)) {
                    fingerprints.add(new Fingerprint(required(child, HASH), optional(child, SETUP),
                            child.textTrim(), optional(child, REQUIRED), others(child, FINGERPRINT_TYPED)));
                } else if (is(child, Tag.SCTPMAP) && sctpmap.isEmpty()) {
                    sctpmap = Optional.of(sctpmap(child));
                } else {
                    extra.add(raw(child));
                }
                leave();
            }
            return new IceUdpTransport(optional(t, UFRAG), optional(t, PWD), candidates, fingerprints, sctpmap,
                    others(t, TRANSPORT_TYPED), extra);
        }

        private SctpMap sctpmap(XmlView s) {
            int number = integer(s, NUMBER, 0, 65535);
            OptionalInt streams = optionalInt(s, STREAMS, 0, 65535);
            return build(s, () -> new SctpMap(number, optional(s, PROTOCOL), streams, optional(s,
                    MAX_MESSAGE_SIZE), others(s, SCTPMAP_TYPED)));
        }

        private IceCandidate candidate(XmlView c) {
            Optional<Related> related = Optional.empty();
            Optional<String> relAddr = optional(c, REL_ADDR);
            OptionalInt relPort = optionalInt(c, REL_PORT, 0, 65535);
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
            return build(c, () -> new IceCandidate(required(c, FOUNDATION), integer(c, COMPONENT, 1, 256),
                    CandidateTransport.of(required(c, PROTOCOL)), longValue(c, PRIORITY, 0, 0xFFFF_FFFFL),
                    required(c, IP), integer(c, PORT, 0, 65535), CandidateType.of(required(c, TYPE)), rel,
                    optional(c, TCPTYPE).map(t -> convert(c, TCPTYPE, v -> TcpType.of(v).orElseThrow(() ->
                            new IllegalArgumentException("tcptype must be active, passive or so, found \"" + v
                                    + "\"")), t)), optionalInt(c, GENERATION, 0, Integer.MAX_VALUE),
                    optionalInt(c, NETWORK, 0, Integer.MAX_VALUE), optional(c, ID), unknown));
        }

        private ContentGroup group(XmlView g) {
            List<String> names = new ArrayList<>();
            for (XmlView child : g.elements()) {
                if (Tag.GROUP_CONTENT.local().equals(child.name())) {
                    names.add(required(child, NAME));
                }
            }
            return new ContentGroup(required(g, SEMANTICS), names);
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
        private static List<XmlAttribute> others(XmlView e, String[] known) {
            List<XmlAttribute> out = null;
            for (int i = 0; i < e.attributeCount(); i++) {
                String name = e.attributeQualifiedName(i);
                boolean isKnown = false;
                for (String k : known) {
                    isKnown |= k.equals(name);
                }
                if (!isKnown) {
                    out = out == null ? new ArrayList<>(2) : out;
                    out.add(new XmlAttribute(name, e.attributeValue(i)));
                }
            }
            // most elements have none: no list to make and copy
            return out == null ? List.of() : out;
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
