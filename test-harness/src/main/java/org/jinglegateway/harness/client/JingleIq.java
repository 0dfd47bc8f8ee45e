package org.jinglegateway.harness.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IQProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * An IQ whose {@code <jingle xmlns='urn:xmpp:jingle:1'>} child is raw XML: sent exactly as the test wrote it
 * (attributes and children), and kept as text when received, so tests see the wire and not Smack's Jingle model,
 * which drops what it does not know. Smack writes the child's start {@code <jingle xmlns='...'}; this class adds
 * the other attributes and the inner XML.
 */
public final class JingleIq extends IQ {
    public static final String ELEMENT = "jingle";

    private final List<String[]> attributes;
    private final String inner;
    private final String xml;

    private JingleIq(List<String[]> attributes, String inner, String xml) {
        super(ELEMENT, Xml.JINGLE);
        this.attributes = attributes;
        this.inner = inner;
        this.xml = xml;
    }

    /** From a {@code <jingle>} element's text (it declares {@code xmlns='urn:xmpp:jingle:1'}). */
    public static JingleIq of(String jingleXml) {
        Element jingle = Xml.parse(jingleXml);
        if (!ELEMENT.equals(jingle.getLocalName()) || !Xml.JINGLE.equals(jingle.getNamespaceURI())) {
            throw new IllegalArgumentException("expected <jingle xmlns='" + Xml.JINGLE + "'>, found <"
                    + jingle.getTagName() + " xmlns='" + jingle.getNamespaceURI() + "'>");
        }
        List<String[]> attributes = new ArrayList<>();
        NamedNodeMap map = jingle.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!"xmlns".equals(a.getName())) {
                attributes.add(new String[] {a.getName(), a.getValue()});
            }
        }
        return new JingleIq(attributes, innerXml(jingleXml), jingleXml);
    }

    /** The text between the end of the start tag and the last end tag ("" for an empty element). */
    private static String innerXml(String element) {
        char quote = 0;
        for (int i = 0; i < element.length(); i++) {
            char ch = element.charAt(i);
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                if (element.charAt(i - 1) == '/') {
                    return "";
                }
                int end = element.lastIndexOf("</");
                return element.substring(i + 1, end);
            }
        }
        throw new IllegalArgumentException("no end of start tag in " + element);
    }

    /** The {@code <jingle>} element's XML as sent or as received. */
    public String jingleXml() {
        return xml;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder builder) {
        for (String[] a : attributes) {
            builder.attribute(a[0], a[1]);
        }
        if (inner.isEmpty()) {
            builder.setEmptyElement();
        } else {
            builder.rightAngleBracket();
            builder.append(inner);
        }
        return builder;
    }

    /**
     * Keeps a received {@code <jingle>} as text, each element with its own namespace. Registered for the whole JVM
     * by {@link JinglePeer}, in place of Smack's own Jingle provider.
     */
    public static final class Provider extends IQProvider<JingleIq> {
        @Override
        public JingleIq parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment)
                throws XmlPullParserException, IOException {
            String text = PacketParserUtils.parseElement(parser, true).toString();
            return of(text);
        }
    }
}
