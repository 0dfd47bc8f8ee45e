package org.jinglegateway.xmpp;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dom4j.Element;
import org.jinglegateway.mapper.jingle.StaxDom;

/**
 * Reads an XMPP stream safely (RFC 6120 §11.1 restricted XML) with the JDK's StAX parser: no DTD is processed,
 * no entity is expanded or fetched, and a DOCTYPE, comment, processing instruction or undeclared entity ends the
 * stream with {@code restricted-xml}, as Prosody does. A stanza larger than the limit, or nested deeper than the
 * limit, ends it with {@code policy-violation}; elements are built iteratively, so depth never costs stack.
 *
 * <p>Not thread-safe: one reader thread per connection.
 */
public final class XmppStreamReader {
    /** http://etherx.jabber.org/streams */
    public static final String STREAM_NS = "http://etherx.jabber.org/streams";

    private static final XMLInputFactory FACTORY = newFactory();

    private final XMLStreamReader xml;
    private final int maxStanzaChars;
    private final int maxDepth;

    public XmppStreamReader(InputStream in, int maxStanzaChars, int maxDepth) throws StreamException {
        this.maxStanzaChars = maxStanzaChars;
        this.maxDepth = maxDepth;
        try {
            this.xml = FACTORY.createXMLStreamReader(in, "UTF-8");
        } catch (XMLStreamException e) {
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "cannot start the XML stream: "
                    + e.getMessage());
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    /** Waits for the server's {@code <stream:stream>} header and returns its attributes. */
    public Map<String, String> readHeader() throws StreamException {
        while (true) {
            int event = next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!"stream".equals(xml.getLocalName()) || !STREAM_NS.equals(xml.getNamespaceURI())) {
                    throw StreamException.local(StreamErrorCondition.INVALID_NAMESPACE,
                            "expected <stream:stream> in " + STREAM_NS + ", found <" + xml.getLocalName() + ">");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                }
                return attributes;
            }
            checkAllowedOutsideStanza(event);
        }
    }

    /** The next top-level element of the stream, or empty when the server closed the stream. */
    public Optional<Element> nextElement() throws StreamException {
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT:
                    return Optional.of(readElement());
                case XMLStreamConstants.END_ELEMENT:
                case XMLStreamConstants.END_DOCUMENT:
                    return Optional.empty();
                default:
                    checkAllowedOutsideStanza(event);
            }
        }
    }

    private Element readElement() throws StreamException {
        Deque<Element> open = new ArrayDeque<>();
        Element root = startElement(null);
        open.push(root);
        long size = sizeOf(root);
        checkSize(size);
        while (true) {
            int event = next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= maxDepth) {
                        throw StreamException.local(StreamErrorCondition.POLICY_VIOLATION,
                                "stanza nested deeper than " + maxDepth + " elements");
                    }
                    Element child = startElement(open.peek());
                    size += sizeOf(child);
                    open.push(child);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    open.pop();
                    if (open.isEmpty()) {
                        return root;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    size += xml.getTextLength();
                    checkSize(size);
                    open.peek().addText(xml.getText());
                }
                case XMLStreamConstants.END_DOCUMENT ->
                        throw StreamException.closed("the stream ended inside a stanza");
                default -> checkAllowedOutsideStanza(event);
            }
            checkSize(size);
        }
    }

    private void checkSize(long size) throws StreamException {
        if (size > maxStanzaChars) {
            throw StreamException.local(StreamErrorCondition.POLICY_VIOLATION,
                    "stanza larger than the limit of " + maxStanzaChars + " bytes (xmpp.max-stanza-bytes)");
        }
    }

    private Element startElement(Element parent) {
        return StaxDom.element(xml, parent);
    }

    private long sizeOf(Element e) {
        long size = e.getName().length() * 2L + 5;
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            size += xml.getAttributeLocalName(i).length() + xml.getAttributeValue(i).length() + 4;
        }
        return size;
    }

    private void checkAllowedOutsideStanza(int event) throws StreamException {
        switch (event) {
            case XMLStreamConstants.DTD -> throw restricted("a DOCTYPE");
            case XMLStreamConstants.COMMENT -> throw restricted("a comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("a processing instruction");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw restricted("the entity &" + xml.getLocalName() + ";");
            case XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                    throw restricted("a DTD declaration");
            default -> {
                // whitespace between stanzas (keepalives), the XML declaration: allowed
            }
        }
    }

    private static StreamException restricted(String what) {
        return StreamException.local(StreamErrorCondition.RESTRICTED_XML,
                "the server sent " + what + ", which XMPP forbids (RFC 6120 §11.1)");
    }

    private int next() throws StreamException {
        try {
            return xml.next();
        } catch (XMLStreamException e) {
            String message = String.valueOf(e.getMessage());
            if (e.getNestedException() instanceof java.io.IOException io) {
                throw StreamException.closed("connection lost: " + io.getMessage());
            }
            if (message.contains("must start and end within the same entity")) {
                // the JDK parser's words for end of input: the TCP connection closed
                throw StreamException.closed("the server closed the connection");
            }
            if (message.contains("entity") || message.contains("DOCTYPE") || message.contains("DTD")) {
                throw StreamException.local(StreamErrorCondition.RESTRICTED_XML,
                        "the server sent an entity or DTD, which XMPP forbids (RFC 6120 §11.1)");
            }
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "not well-formed XML: "
                    + firstLine(message));
        } catch (RuntimeException e) {
            // the JDK parser reports some I/O failures unchecked
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "XML stream failed: "
                    + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
