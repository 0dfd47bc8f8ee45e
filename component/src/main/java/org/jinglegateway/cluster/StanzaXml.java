package org.jinglegateway.cluster;

import java.io.StringReader;
import java.util.Optional;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** Stanzas as they travel between instances: the XML the server sent or an instance would send. */
final class StanzaXml {
    private static final Logger log = LoggerFactory.getLogger(StanzaXml.class);

    /**
     * One parser a thread, made once: a new one for each stanza (DocumentHelper.parseText) looked up and configured a
     * SAX parser each time, a tenth of an instance's CPU in a load run with three instances (docs/benchmarks.md).
     * External entities are off (SAXReader#createDefault) and a DOCTYPE is refused: stanzas never carry one.
     */
    private static final ThreadLocal<SAXReader> READERS = ThreadLocal.withInitial(StanzaXml::reader);

    private StanzaXml() {
    }

    private static SAXReader reader() {
        SAXReader reader = SAXReader.createDefault();
        try {
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (org.xml.sax.SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser refuses disallow-doctype-decl", e);
        }
        return reader;
    }

    /** The stanza in {@code xml}; empty (and a WARN line) for anything else. */
    static Optional<Packet> parse(String xml) {
        try {
            Element e = READERS.get().read(new StringReader(xml)).getRootElement();
            return Optional.ofNullable(switch (e.getName()) {
                case "iq" -> new IQ(e);
                case "message" -> new Message(e);
                case "presence" -> new Presence(e);
                default -> null;
            });
        } catch (DocumentException | RuntimeException e) {
            log.warn("cluster.unreadable-stanza problem={}", e.getMessage());
            return Optional.empty();
        }
    }
}
