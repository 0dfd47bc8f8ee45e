package org.jinglegateway.harness.client;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Namespace-aware DOM parsing and XPath for asserting on stanzas. XPath prefixes: {@code j} Jingle, {@code rtp}
 * RTP description, {@code ice} ICE-UDP transport, {@code dtls} DTLS fingerprint, {@code jmi} Jingle Message
 * Initiation, {@code jerr} Jingle errors, {@code stanza} stanza error conditions, {@code caps} entity capabilities,
 * {@code grp} grouping, {@code c} jabber:client.
 */
public final class Xml {
    public static final String JINGLE = "urn:xmpp:jingle:1";
    public static final String JMI = "urn:xmpp:jingle-message:0";
    public static final String JINGLE_ERRORS = "urn:xmpp:jingle:errors:1";

    private static final Map<String, String> PREFIXES = Map.of(
            "j", JINGLE,
            "rtp", "urn:xmpp:jingle:apps:rtp:1",
            "ice", "urn:xmpp:jingle:transports:ice-udp:1",
            "dtls", "urn:xmpp:jingle:apps:dtls:0",
            "jmi", JMI,
            "jerr", JINGLE_ERRORS,
            "stanza", "urn:ietf:params:xml:ns:xmpp-stanzas",
            "caps", "http://jabber.org/protocol/caps",
            "grp", "urn:xmpp:jingle:apps:grouping:0",
            "c", "jabber:client");

    private static final NamespaceContext CONTEXT = new NamespaceContext() {
        @Override
        public String getNamespaceURI(String prefix) {
            return PREFIXES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return PREFIXES.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return PREFIXES.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .iterator();
        }
    };

    private Xml() {
    }

    /** Parses one element (a whole stanza or a child) with namespaces. */
    public static Element parse(CharSequence xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml.toString())))
                    .getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** The string value of an XPath expression ("" when nothing matches). */
    public static String text(Node context, String xpath) {
        try {
            return (String) xpath().evaluate(xpath, context, XPathConstants.STRING);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath " + xpath, e);
        }
    }

    /** The elements an XPath expression selects, in document order. */
    public static List<Element> elements(Node context, String xpath) {
        try {
            NodeList nodes = (NodeList) xpath().evaluate(xpath, context, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) {
                    out.add(e);
                }
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath " + xpath, e);
        }
    }

    /** Whether an XPath expression selects anything. */
    public static boolean has(Node context, String xpath) {
        try {
            return (Boolean) xpath().evaluate("boolean(" + xpath + ")", context, XPathConstants.BOOLEAN);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath " + xpath, e);
        }
    }

    /** Serialises a node for failure messages. */
    public static String toString(Node node) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            return "(cannot serialise " + node.getNodeName() + ": " + e.getMessage() + ")";
        }
    }

    private static XPath xpath() {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(CONTEXT);
        return x;
    }
}
