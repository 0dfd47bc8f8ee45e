package org.jinglegateway.mapper.jingle;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * Parses a string into a dom4j element with the JDK's StAX parser: configured once, no DTD, no external entities,
 * a DOCTYPE refused. Much cheaper per call than a SAXReader, and as safe.
 */
public final class StaxDom {
    /** Deeper nesting is refused: Jingle needs 6 levels, and no reader should be pushed to recurse. */
    public static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = factory();
    private static final DocumentFactory DOM = DocumentFactory.getInstance();

    /**
     * The names met in one parse, by namespace and local name (prefix-free ones only). dom4j's own name cache is one
     * synchronized map, the first thing in a profile of Jingle XML -> SDP; a Jingle document repeats a few dozen
     * names (payload-type, parameter, rtcp-fb, candidate ...), so each is looked up there once per parse. Per parse,
     * so that nobody's input can grow it beyond their own document.
     */
    private static final class Names {
        private final Map<String, Map<String, QName>> elements = new HashMap<>();
        private final Map<String, QName> attributes = new HashMap<>();

        // get-then-put rather than computeIfAbsent: a capturing lambda per element would cost what the cache saves

        QName element(String local, String uri) {
            Map<String, QName> names = elements.get(uri);
            if (names == null) {
                names = new HashMap<>();
                elements.put(uri, names);
            }
            QName q = names.get(local);
            if (q == null) {
                q = DOM.createQName(local, Namespace.get("", uri));
                names.put(local, q);
            }
            return q;
        }

        QName attribute(String local) {
            QName q = attributes.get(local);
            if (q == null) {
                q = DOM.createQName(local);
                attributes.put(local, q);
            }
            return q;
        }
    }

    private StaxDom() {
    }

    /**
     * The StAX implementation on the class path: the gateway ships Woodstox (about a third faster on Jingle XML ->
     * SDP than the JDK's parser, docs/benchmarks.md); the mapper itself needs only the javax.xml.stream API. Either
     * way DTDs and external entities are off, and a DOCTYPE is refused in {@link #build}.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Parses one element; a DOCTYPE or broken XML is a {@link JingleParseException}. */
    public static Element parse(String xml) {
        Names names = new Names();
        return parse(xml, new Tree<Element>() {
            @Override
            public Element start(XMLStreamReader r, Element parent) {
                return element(r, parent, names);
            }

            @Override
            public void text(Element element, String text) {
                element.addText(text);
            }
        });
    }

    /** How one kind of element tree is built from StAX events: a dom4j one here, {@link XmlNode} for the reader. */
    interface Tree<E> {
        /** The element at the reader's START_ELEMENT, added to {@code parent} (null for the root). */
        E start(XMLStreamReader r, E parent);

        void text(E element, String text);
    }

    /**
     * The one place where a string becomes a tree: the configured factory, the nesting limit, the DOCTYPE refusal
     * and the error for broken XML hold for every tree the mapper builds.
     */
    static <E> E parse(String xml, Tree<E> tree) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                return build(r, tree);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new JingleParseException(JingleParseException.Kind.NOT_XML, "/", "not well-formed XML: "
                    + firstLine(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> E build(XMLStreamReader r, Tree<E> tree) throws XMLStreamException {
        Object[] open = new Object[MAX_DEPTH];
        int depth = 0;
        E root = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth >= MAX_DEPTH) {
                        throw new JingleParseException(JingleParseException.Kind.NOT_XML, "/",
                                "elements nested deeper than " + MAX_DEPTH);
                    }
                    E e = tree.start(r, depth == 0 ? null : (E) open[depth - 1]);
                    if (root == null) {
                        root = e;
                    }
                    open[depth++] = e;
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth > 0) {
                        tree.text((E) open[depth - 1], r.getText());
                    }
                }
                case XMLStreamConstants.DTD -> throw new JingleParseException(JingleParseException.Kind.NOT_XML,
                        "/", "a DOCTYPE is not allowed in XMPP (RFC 6120 §11.1)");
                default -> {
                    // comments and processing instructions carry nothing for Jingle
                }
            }
        }
        if (root == null) {
            throw new JingleParseException(JingleParseException.Kind.NOT_XML, "/", "no element found");
        }
        return root;
    }

    /**
     * The element at the reader's START_ELEMENT, with its namespace, declared prefixes and attributes, added to
     * {@code parent} (or detached when null). Shared with the XMPP stream reader.
     */
    public static Element element(XMLStreamReader r, Element parent) {
        return element(r, parent, null);
    }

    private static Element element(XMLStreamReader r, Element parent, Names names) {
        String prefix = r.getPrefix() == null ? "" : r.getPrefix();
        String uri = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        QName name = prefix.isEmpty() && names != null ? names.element(r.getLocalName(), uri)
                : DOM.createQName(r.getLocalName(), Namespace.get(prefix, uri));
        Element e = parent == null ? DOM.createElement(name) : parent.addElement(name);
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String p = r.getNamespacePrefix(i);
            if (p != null && !p.isEmpty() && !p.equals(prefix)) {
                e.addNamespace(p, r.getNamespaceURI(i));
            }
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ap = r.getAttributePrefix(i);
            QName an = ap == null || ap.isEmpty()
                    ? names != null ? names.attribute(r.getAttributeLocalName(i))
                            : DOM.createQName(r.getAttributeLocalName(i))
                    : DOM.createQName(r.getAttributeLocalName(i), Namespace.get(ap, r.getAttributeNamespace(i)));
            e.addAttribute(an, r.getAttributeValue(i));
        }
        return e;
    }

    private static String firstLine(String s) {
        String text = String.valueOf(s);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
