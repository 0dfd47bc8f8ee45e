package org.jinglegateway.mapper.jingle;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/**
 * A compact element tree made straight from StAX events: names and attribute values as the parser gives them,
 * arrays instead of node objects, no QName cache. It is how {@link JingleReader} reads a string: a third of the
 * allocation of a dom4j tree, and no name look-ups. Same safety as {@link StaxDom}: no DTD, no external entities,
 * a DOCTYPE refused, nesting limited to {@value StaxDom#MAX_DEPTH}.
 */
final class XmlNode implements XmlView {
    private static final String[] NO_STRINGS = {};

    private final String name;
    private final String namespace;
    private final String prefix;
    /** Per attribute: local name, prefix, namespace URI, value. */
    private final String[] attributes;
    private final List<String> declared;
    /** Child elements and text in order; while {@link #hasText} is false it holds elements only. */
    private List<Object> content = List.of();
    private boolean hasText;
    /** The elements alone, made on first call once there is text among them. */
    private List<XmlView> elements;

    private XmlNode(XMLStreamReader r) {
        name = r.getLocalName();
        prefix = r.getPrefix() == null ? "" : r.getPrefix();
        namespace = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        int count = r.getAttributeCount();
        attributes = count == 0 ? NO_STRINGS : new String[count * 4];
        for (int i = 0; i < count; i++) {
            String ap = r.getAttributePrefix(i);
            String an = r.getAttributeNamespace(i);
            attributes[i * 4] = r.getAttributeLocalName(i);
            attributes[i * 4 + 1] = ap == null ? "" : ap;
            attributes[i * 4 + 2] = an == null ? "" : an;
            attributes[i * 4 + 3] = r.getAttributeValue(i);
        }
        List<String> ns = List.of();
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String p = r.getNamespacePrefix(i);
            if (p != null && !p.isEmpty() && !p.equals(prefix)) {
                if (ns.isEmpty()) {
                    ns = new ArrayList<>(2);
                }
                ns.add(p);
                ns.add(r.getNamespaceURI(i));
            }
        }
        declared = ns;
    }

    /** Parses one element; a DOCTYPE or broken XML is a {@link JingleParseException}, as in {@link StaxDom}. */
    static XmlNode parse(String xml) {
        return StaxDom.parse(xml, TREE);
    }

    private static final StaxDom.Tree<XmlNode> TREE = new StaxDom.Tree<>() {
        @Override
        public XmlNode start(XMLStreamReader r, XmlNode parent) {
            XmlNode e = new XmlNode(r);
            if (parent != null) {
                parent.add(e);
            }
            return e;
        }

        @Override
        public void text(XmlNode element, String text) {
            element.addText(text);
        }
    };

    private void add(XmlNode child) {
        addContent(child);
    }

    private void addText(String text) {
        hasText = true;
        addContent(text);
    }

    private void addContent(Object o) {
        if (content.isEmpty()) {
            content = new ArrayList<>(4);
        }
        content.add(o);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String attribute(String localName) {
        for (int i = 0; i < attributes.length; i += 4) {
            if (attributes[i].equals(localName)) {
                return attributes[i + 3];
            }
        }
        return null;
    }

    @Override
    public int attributeCount() {
        return attributes.length / 4;
    }

    @Override
    public String attributeName(int i) {
        return attributes[i * 4];
    }

    @Override
    public String attributePrefix(int i) {
        return attributes[i * 4 + 1];
    }

    @Override
    public String attributeNamespace(int i) {
        return attributes[i * 4 + 2];
    }

    @Override
    public String attributeValue(int i) {
        return attributes[i * 4 + 3];
    }

    @Override
    public List<String> declaredNamespaces() {
        return declared;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<XmlView> elements() {
        if (!hasText) {
            // one list for both views: Jingle's elements hold either children or text, rarely both
            return (List<XmlView>) (List<?>) content;
        }
        if (elements == null) {
            List<XmlView> only = new ArrayList<>(content.size());
            for (Object o : content) {
                if (o instanceof XmlView v) {
                    only.add(v);
                }
            }
            elements = only;
        }
        return elements;
    }

    @Override
    public List<Object> content() {
        return content;
    }
}
