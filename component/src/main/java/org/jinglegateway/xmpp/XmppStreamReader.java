package org.jinglegateway.xmpp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.XMLInputFactory2;
import org.dom4j.Element;
import org.jinglegateway.mapper.jingle.StaxDom;

/**
 * Reads an XMPP stream safely (RFC 6120 §11.1 restricted XML). A {@link StanzaFramer} cuts the raw bytes into
 * stanzas first, so the limits apply per stanza and in bytes as the server counts them: a stanza larger than
 * {@code maxStanzaBytes} or nested deeper than {@code maxDepth} is skipped on its own, handed to the
 * {@code refused} callback (which answers its sender), and the stream goes on. Each accepted stanza is then parsed
 * whole by Woodstox's StAX parser (its set-up per stanza is a fraction of the JDK's; its own limits are lifted, the
 * framer's apply) in the context of the stream header (its namespace declarations): no DTD is
 * processed, no entity is expanded or fetched, and a DOCTYPE, comment, processing instruction or undeclared entity
 * ends the stream with {@code restricted-xml}, as Prosody does. Only XML that is not well-formed (or restricted)
 * ends the stream; elements are built iteratively, so depth never costs stack.
 *
 * <p>Not thread-safe: one reader thread per connection.
 */
public final class XmppStreamReader {
    /** http://etherx.jabber.org/streams */
    public static final String STREAM_NS = "http://etherx.jabber.org/streams";

    /**
     * Attributes one element may have (real stanzas have a handful). Over it the stanza is refused on its own, before
     * building it: an element's attributes are checked against each other as they are added, so their cost grows
     * with the square of their number.
     */
    static final int MAX_ATTRIBUTES = 1000;

    private static final XMLInputFactory FACTORY = newFactory();

    private final StanzaFramer framer;
    private final int maxStanzaBytes;
    private final int maxDepth;
    private final Consumer<RefusedStanza> refused;
    private byte[] header;

    /** A reader whose refused stanzas are only dropped (for tests and the handshake). */
    public XmppStreamReader(InputStream in, int maxStanzaBytes, int maxDepth) {
        this(in, maxStanzaBytes, maxDepth, r -> { });
    }

    /**
     * @param refused told of each stanza skipped for a limit, on the reading thread, in stream order
     */
    public XmppStreamReader(InputStream in, int maxStanzaBytes, int maxDepth, Consumer<RefusedStanza> refused) {
        this.framer = new StanzaFramer(in, maxStanzaBytes, maxDepth);
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxDepth = maxDepth;
        this.refused = refused;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = new WstxInputFactory();
        // the framer already bounds a stanza's bytes and depth; over MAX_ATTRIBUTES on an element Woodstox stops
        // early and that stanza alone is refused (parse); no other Woodstox limit can be reached within the framer's
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, MAX_ATTRIBUTES);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, Integer.MAX_VALUE);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, Integer.MAX_VALUE);
        // text is read when it is reached, so that its errors come from next(), never later from getText()
        f.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return f;
    }

    /** Waits for the server's {@code <stream:stream>} header and returns its attributes. */
    public Map<String, String> readHeader() throws StreamException {
        byte[] tag = framer.header();
        XMLStreamReader xml = open(tag, new byte[0]);
        next(xml);
        if (!"stream".equals(xml.getLocalName()) || !STREAM_NS.equals(xml.getNamespaceURI())) {
            throw StreamException.local(StreamErrorCondition.INVALID_NAMESPACE,
                    "expected <stream:stream> in " + STREAM_NS + ", found <" + xml.getLocalName() + ">");
        }
        this.header = tag;
        return attributes(xml);
    }

    /**
     * The next top-level element of the stream, or empty when the server closed the stream. Stanzas over a limit
     * are skipped and reported to the {@code refused} callback on the way.
     */
    public Optional<Element> nextElement() throws StreamException {
        if (header == null) {
            throw new IllegalStateException("readHeader() first");
        }
        while (true) {
            StanzaFramer.Frame frame = framer.next();
            if (frame instanceof StanzaFramer.Frame.End) {
                return Optional.empty();
            }
            if (frame instanceof StanzaFramer.Frame.Stanza s) {
                Element element = parse(s.bytes());
                if (element != null) {
                    return Optional.of(element);
                }
                refused.accept(overAttributes(s.bytes()));
                continue;
            }
            StanzaFramer.Frame.Refused r = (StanzaFramer.Frame.Refused) frame;
            refused.accept(describe(r));
        }
    }

    private RefusedStanza describe(StanzaFramer.Frame.Refused r) {
        long max = r.limit() == RefusedStanza.Limit.SIZE ? maxStanzaBytes : maxDepth;
        return refusal(r.openingTag(), r.limit(), r.bytes(), max);
    }

    /**
     * A refused stanza named by its opening tag (or by the whole stanza, whose root is read alone), with its routing
     * attributes; when that tag cannot be read (it is what passed the limit) the sender stays unknown and gets no
     * error. The stanza is skipped either way.
     */
    private RefusedStanza refusal(byte[] opening, RefusedStanza.Limit limit, long bytes, long max) {
        String name = "?";
        Map<String, String> attributes = Map.of();
        if (opening.length > 0) {
            try {
                XMLStreamReader xml = open(header, opening);
                next(xml);
                next(xml);
                name = xml.getLocalName();
                attributes = attributes(xml);
            } catch (StreamException e) {
                name = "?";
            }
        }
        return new RefusedStanza(name, attributes, limit, bytes, max);
    }

    private static Map<String, String> attributes(XMLStreamReader xml) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributePrefix(i) == null || xml.getAttributePrefix(i).isEmpty()) {
                attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
            }
        }
        return attributes;
    }

    private XMLStreamReader open(byte[] context, byte[] stanza) throws StreamException {
        try {
            return FACTORY.createXMLStreamReader(new SequenceInputStream(new ByteArrayInputStream(context),
                    new ByteArrayInputStream(stanza)), "UTF-8");
        } catch (XMLStreamException e) {
            throw StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "cannot start the XML parser: "
                    + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** A stanza with an element over {@link #MAX_ATTRIBUTES} (its root's name and attributes if the root is not it). */
    private RefusedStanza overAttributes(byte[] stanza) {
        return refusal(stanza, RefusedStanza.Limit.ATTRIBUTES, stanza.length, MAX_ATTRIBUTES);
    }

    /**
     * Parses one whole stanza in the context of the stream header, so it sees the stream's namespaces; null when an
     * element of it has more than {@link #MAX_ATTRIBUTES} attributes (then nothing of it was built).
     */
    private Element parse(byte[] stanza) throws StreamException {
        try {
            return build(stanza);
        } catch (AttributesOver e) {
            return null;
        }
    }

    /** Woodstox stopped at an element's attribute limit: the stanza is well-formed as far as read, and refused. */
    private static final class AttributesOver extends Exception {
        AttributesOver() {
            super(null, null, false, false);
        }
    }

    private Element build(byte[] stanza) throws StreamException, AttributesOver {
        XMLStreamReader xml = open(header, stanza);
        next(xml); // the stream header again
        nextOrOver(xml);
        Deque<Element> open = new ArrayDeque<>();
        Element root = StaxDom.element(xml, null);
        open.push(root);
        while (true) {
            int event = nextOrOver(xml);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> open.push(StaxDom.element(xml, open.peek()));
                case XMLStreamConstants.END_ELEMENT -> {
                    open.pop();
                    if (open.isEmpty()) {
                        return root;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        open.peek().addText(text(xml));
                default -> checkAllowedOutsideStanza(xml, event);
            }
        }
    }

    private static int next(XMLStreamReader xml) throws StreamException {
        try {
            return xml.next();
        } catch (XMLStreamException | RuntimeException e) {
            // a parser may report some failures unchecked
            throw parseFailure(String.valueOf(e.getMessage()));
        }
    }

    /** The current text; a parser's unchecked failure here (lazy text) is the stanza's XML, not the gateway's. */
    private static String text(XMLStreamReader xml) throws StreamException {
        try {
            return xml.getText();
        } catch (RuntimeException e) {
            throw parseFailure(String.valueOf(e.getMessage()));
        }
    }

    /** {@link #next}, telling Woodstox's attribute limit (a refused stanza) from a failure of the stream. */
    private static int nextOrOver(XMLStreamReader xml) throws StreamException, AttributesOver {
        try {
            return xml.next();
        } catch (XMLStreamException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Attribute limit (" + MAX_ATTRIBUTES + ") exceeded")) {
                throw new AttributesOver();
            }
            throw parseFailure(message);
        }
    }

    private static void checkAllowedOutsideStanza(XMLStreamReader xml, int event) throws StreamException {
        switch (event) {
            case XMLStreamConstants.DTD -> throw restricted("a DOCTYPE");
            case XMLStreamConstants.COMMENT -> throw restricted("a comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("a processing instruction");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw restricted("the entity &" + xml.getLocalName() + ";");
            case XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                    throw restricted("a DTD declaration");
            default -> {
                // nothing else can occur inside a stanza the framer passed
            }
        }
    }

    private static StreamException restricted(String what) {
        return StreamException.local(StreamErrorCondition.RESTRICTED_XML,
                "the server sent " + what + ", which XMPP forbids (RFC 6120 §11.1)");
    }

    /** The framer handed over a whole stanza, so every parser failure is about its XML, never the connection. */
    private static StreamException parseFailure(String message) {
        // "Illegal character entity" is Woodstox's word for a character reference XML 1.0 forbids: not well-formed
        if (!message.contains("Illegal character") && (message.contains("entity") || message.contains("DOCTYPE")
                || message.contains("DTD"))) {
            return StreamException.local(StreamErrorCondition.RESTRICTED_XML,
                    "the server sent an entity or DTD, which XMPP forbids (RFC 6120 §11.1)");
        }
        return StreamException.local(StreamErrorCondition.NOT_WELL_FORMED, "not well-formed XML: "
                + firstLine(message));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
