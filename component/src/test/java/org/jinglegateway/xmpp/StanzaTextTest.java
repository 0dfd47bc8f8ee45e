package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

/** The outgoing stanza's text against dom4j's XMLWriter (what Tinder's toXML() writes), character for character. */
final class StanzaTextTest {
    private static String dom4j(Element e) throws IOException {
        StringWriter out = new StringWriter();
        XMLWriter writer = new XMLWriter(out, new OutputFormat());
        writer.write(e);
        writer.flush();
        return out.toString();
    }

    @Test
    void craftedStanzas_areWrittenAsXmlWriterWritesThem() throws IOException {
        List<Element> cases = new ArrayList<>();
        IQ iq = new IQ(IQ.Type.set, "a&b<c>\"'");
        iq.setTo("peer@localhost/r");
        iq.setFrom("alice@gw.localhost/web");
        Element jingle = iq.setChildElement("jingle", "urn:xmpp:jingle:1");
        jingle.addAttribute("sid", "s'1\"");
        jingle.addElement("reason").addElement("text").setText("é ü <&> \u00a0 \ud83d\ude00 " + "x".repeat(5000));
        jingle.addElement("description", "urn:xmpp:jingle:apps:rtp:1").addAttribute("media", "audio");
        cases.add(iq.getElement());
        Message m = new Message();
        m.setTo("a@b/c");
        m.setBody("  \t\n x<&>\"' \u0001 \r\n ");
        m.getElement().addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), "en");
        Element x = m.getElement().addElement("x", "urn:x");
        x.addAttribute("k", "v\t\n\r<>&\"'\u0000\u001f\ud800");
        x.addElement("y");
        x.addElement(QName.get("z", Namespace.get("p", "urn:p")))
                .addAttribute(QName.get("q", Namespace.get("r", "urn:r")), "1")
                .addAttribute(QName.get("q2", Namespace.get("r", "urn:r2")), "2");
        x.addElement("w", "urn:x").addText("");
        x.addElement("e", "").addText(" ");
        x.addElement("p:again", "urn:p").addNamespace("extra", "urn:extra");
        x.addComment("c");
        x.addCDATA("cd<&");
        x.addProcessingInstruction("pi", "d");
        x.addEntity("amp", "&");
        x.addAttribute("xmlns:late", "urn:late");
        cases.add(m.getElement());
        cases.add(DocumentHelper.createElement("bare"));
        cases.add(DocumentHelper.createElement(QName.get("stream", "stream", "http://etherx.jabber.org/streams")));
        for (Element e : cases) {
            assertThat(StanzaText.of(e)).isEqualTo(dom4j(e));
        }
    }

    /** A namespace URI with characters that need escaping: escaped, so the stanza reads back with the same URI. */
    @Test
    void namespaceWithQuoteAndAngleBracket_isEscaped_andReadsBack() throws Exception {
        IQ iq = new IQ(IQ.Type.error, "e1");
        iq.setTo("mallory@localhost/m");
        Element child = iq.getElement().addElement("query", "urn:x\"/><iq type='set' id='injected'/><y a=\"&<");
        child.addElement(QName.get("z", "p", "urn:p\"<&"));
        String text = StanzaText.of(iq.getElement());
        assertThat(text).contains("xmlns=\"urn:x&quot;/&gt;&lt;iq type='set' id='injected'/&gt;");
        Element back = DocumentHelper.parseText(text).getRootElement();
        assertThat(back.elements()).hasSize(1);
        assertThat(back.element("query").getNamespaceURI()).isEqualTo(child.getNamespaceURI());
        assertThat(back.element("query").elements().get(0).getNamespaceURI()).isEqualTo("urn:p\"<&");
    }

    @Test
    void randomElements_areWrittenAsXmlWriterWritesThem() throws IOException {
        Random random = new Random(20261205);
        String[] names = {"a", "b", "iq", "jingle", "content", "x"};
        String[] uris = {"", "urn:a", "urn:b", "urn:xmpp:jingle:1"};
        String[] prefixes = {"", "", "p", "q"};
        String chars = "ab <>&\"'\t\n\r\u0000\u0007é\u00a0\ud83d\ude00\ufffd;#";
        for (int run = 0; run < 2000; run++) {
            Element root = DocumentHelper.createElement(names[random.nextInt(names.length)]);
            List<Element> all = new ArrayList<>(List.of(root));
            for (int i = random.nextInt(12); i > 0; i--) {
                Element parent = all.get(random.nextInt(all.size()));
                switch (random.nextInt(5)) {
                    case 0 -> {
                        String prefix = prefixes[random.nextInt(prefixes.length)];
                        String uri = uris[random.nextInt(uris.length)];
                        String name = names[random.nextInt(names.length)];
                        all.add(parent.addElement(prefix.isEmpty() || uri.isEmpty()
                                ? QName.get(name, uri) : QName.get(name, prefix, uri)));
                    }
                    case 1 -> all.add(parent.addElement(names[random.nextInt(names.length)]));
                    case 2 -> parent.addText(text(random, chars));
                    case 3 -> {
                        String prefix = prefixes[random.nextInt(prefixes.length)];
                        String uri = uris[1 + random.nextInt(uris.length - 1)];
                        String name = "k" + random.nextInt(3);
                        parent.addAttribute(prefix.isEmpty() ? QName.get(name) : QName.get(name, prefix, uri),
                                text(random, chars));
                    }
                    default -> parent.addNamespace("n" + random.nextInt(2), uris[1 + random.nextInt(3)]);
                }
            }
            assertThat(StanzaText.of(root)).as("run " + run).isEqualTo(dom4j(root));
        }
    }

    private static String text(Random random, String chars) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }
}
