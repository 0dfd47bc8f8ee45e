package org.jinglegateway.mapper.jingle;

import static org.jinglegateway.mapper.jingle.JingleNames.ID;
import static org.jinglegateway.mapper.jingle.JingleNames.MEDIA;
import static org.jinglegateway.mapper.jingle.JingleNames.TO;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;

/** Reads and writes {@link JingleMessage}s (XEP-0353), from a {@code <message>} or the payload element. */
public final class JingleMessages {
    private JingleMessages() {
    }

    /** The JMI payload of a message, or empty when it carries none. */
    public static Optional<JingleMessage> read(Element element) throws JingleParseException {
        Element payload = payload(element);
        if (payload == null) {
            return Optional.empty();
        }
        JingleMessage.Kind kind = JingleMessage.Kind.find(payload.getName()).orElseThrow();
        String path = "/" + payload.getName();
        String id = payload.attributeValue(ID);
        if (id == null || id.isEmpty()) {
            throw new JingleParseException(JingleParseException.Kind.MISSING, path + "/@id",
                    "the attribute is required (XEP-0353 §3)");
        }
        List<String> media = new ArrayList<>();
        Optional<Reason> reason = Optional.empty();
        Optional<String> migrated = Optional.empty();
        List<RawXml> extra = new ArrayList<>();
        for (Element child : payload.elements()) {
            String ns = child.getNamespaceURI();
            if (Tag.DESCRIPTION.local().equals(child.getName()) && kind == JingleMessage.Kind.PROPOSE) {
                String m = child.attributeValue(MEDIA);
                if (m == null) {
                    throw new JingleParseException(JingleParseException.Kind.MISSING, path + "/description/@media",
                            "the attribute is required (XEP-0353 §3.1)");
                }
                media.add(m);
            } else if (Tag.REASON.local().equals(child.getName()) && Tag.REASON.namespace().equals(ns)) {
                reason = Optional.of(JingleReader.reason(child, path + "/reason"));
            } else if (Tag.MIGRATED.local().equals(child.getName()) && Tag.MIGRATED.namespace().equals(ns)) {
                migrated = Optional.ofNullable(child.attributeValue(TO));
            } else {
                extra.add(new RawXml(XmlText.of(child)));
            }
        }
        return Optional.of(new JingleMessage(kind, id, media, reason, migrated, extra));
    }

    /** Reads a string holding a {@code <message>} or a JMI payload element. */
    public static Optional<JingleMessage> read(String xml) throws JingleParseException {
        return read(StaxDom.parse(xml));
    }

    private static Element payload(Element element) {
        if (Namespaces.JMI.equals(element.getNamespaceURI())
                && JingleMessage.Kind.find(element.getName()).isPresent()) {
            return element;
        }
        for (Element child : element.elements()) {
            if (Namespaces.JMI.equals(child.getNamespaceURI())
                    && JingleMessage.Kind.find(child.getName()).isPresent()) {
                return child;
            }
        }
        return null;
    }

    /** The payload element as a string (the caller wraps it in its {@code <message>}). */
    public static String toXml(JingleMessage message) {
        StringSink sink = new StringSink();
        write(sink, message);
        return sink.result();
    }

    /** The payload element as a dom4j element, for Tinder. */
    public static Element toElement(JingleMessage message) {
        Dom4jSink sink = new Dom4jSink();
        write(sink, message);
        return sink.result();
    }

    private static void write(XmlSink s, JingleMessage m) {
        s.start(m.kind().token(), Namespaces.JMI);
        s.attribute(ID, m.id());
        for (String media : m.media()) {
            s.start(Tag.DESCRIPTION);
            s.attribute(MEDIA, media);
            s.end();
        }
        m.reason().ifPresent(r -> JingleWriter.reason(s, r));
        m.migratedTo().ifPresent(to -> {
            s.start(Tag.MIGRATED);
            s.attribute(TO, to);
            s.end();
        });
        JingleWriter.raw(s, m.extra());
        s.end();
    }
}
