package org.jinglegateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/** Stanzas passed between instances, read with one parser a thread. */
final class StanzaXmlTest {
    @Test
    void aStanzaComesBackAsItWasWritten_againAndAgainOnOneThread_evenAfterOneThatCouldNotBeRead() {
        IQ iq = new IQ(IQ.Type.set, "i1");
        iq.setTo(new JID("alice@gw.test/web-1"));
        iq.setFrom(new JID("romeo@example.net/r1"));
        iq.setChildElement("jingle", "urn:xmpp:jingle:1").addAttribute("action", "transport-info")
                .addAttribute("sid", "s&<1");
        Message message = new Message();
        message.setTo(new JID("alice@gw.test"));
        message.setBody("a < b & \u00e9");

        for (int i = 0; i < 3; i++) {
            // as dom4j's own one-off parse reads it (what StanzaXml did before it kept a parser)
            assertThat(StanzaXml.parse(iq.toXML()).map(Packet::toXML)).contains(oneOff(iq.toXML()));
            assertThat(StanzaXml.parse("<iq><unclosed></iq>")).isEmpty();
            assertThat(StanzaXml.parse(message.toXML()).map(Packet::toXML)).contains(oneOff(message.toXML()));
        }
        assertThat(StanzaXml.parse(message.toXML()).map(p -> ((Message) p).getBody())).contains("a < b & \u00e9");
        assertThat(StanzaXml.parse(iq.toXML()).map(p -> ((IQ) p).getChildElement().attributeValue("sid")))
                .contains("s&<1");
    }

    private static String oneOff(String xml) {
        try {
            org.dom4j.Element e = org.dom4j.DocumentHelper.parseText(xml).getRootElement();
            return (e.getName().equals("iq") ? new IQ(e) : new Message(e)).toXML();
        } catch (org.dom4j.DocumentException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDoctypeOrAnEntityIsRefused() {
        Optional<Packet> withDoctype = StanzaXml.parse("<?xml version='1.0'?><!DOCTYPE iq [<!ENTITY x 'boom'>]>"
                + "<iq type='get' id='1'><q>&x;</q></iq>");
        assertThat(withDoctype).isEmpty();
        assertThat(StanzaXml.parse("<stream/>")).as("not a stanza").isEmpty();
    }
}
