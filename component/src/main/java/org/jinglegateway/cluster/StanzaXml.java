package org.jinglegateway.cluster;

import java.util.Optional;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** Stanzas as they travel between instances: the XML the server sent or an instance would send. */
final class StanzaXml {
    private static final Logger log = LoggerFactory.getLogger(StanzaXml.class);

    private StanzaXml() {
    }

    /** The stanza in {@code xml}; empty (and a WARN line) for anything else. */
    static Optional<Packet> parse(String xml) {
        try {
            Element e = DocumentHelper.parseText(xml).getRootElement();
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
