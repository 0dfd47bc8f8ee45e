package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

class PeerDirectoryTest {
    private static final JID ASKER = new JID("juliet@gw.example");
    private final PeerDirectory peers = new PeerDirectory("gw.example");

    @Test
    void devicesOfOneUserPastTheBound_getTheDefaultRow_andTheFirstOnesKeepTheirs() {
        for (int i = 0; i < PeerDirectory.MAX_DEVICES_PER_USER + 10_000; i++) {
            peers.caps(new JID("romeo", "example.net", "r" + i), "https://stanzajs.org\u0000" + "x".repeat(100));
        }

        assertThat(peers.quirks(new JID("romeo", "example.net", "r0")).client()).isEqualTo("StanzaJS");
        assertThat(peers.quirks(new JID("romeo", "example.net", "r" + PeerDirectory.MAX_DEVICES_PER_USER)))
                .isEqualTo(PeerQuirks.DEFAULT);
    }

    @Test
    void aKnownDeviceAnnouncingAgain_takesItsNewRow_evenWhenTheUserIsFull() {
        for (int i = 0; i < PeerDirectory.MAX_DEVICES_PER_USER; i++) {
            peers.caps(new JID("romeo", "example.net", "r" + i), "https://stanzajs.org");
        }
        peers.caps(new JID("romeo", "example.net", "r7"), "http://conversations.im");

        assertThat(peers.quirks(new JID("romeo", "example.net", "r7")).client()).isEqualTo("Conversations");
    }

    @Test
    void xep0343AfterThousandsOfOtherFeatures_stillCounts() {
        JID device = new JID("romeo", "example.net", "c1");
        IQ question = peers.askFeatures(device, ASKER, "http://conversations.im", "ver1", "~tag12345").orElseThrow();
        assertThat(question.getID()).as("the id names the asking instance").endsWith("~tag12345");
        IQ reply = IQ.createResultIQ(question);
        Element query = reply.setChildElement("query", PeerDirectory.DISCO_INFO);
        for (int i = 0; i < 10_000; i++) {
            query.addElement("feature").addAttribute("var", "urn:example:" + i + "\u0007".repeat(600));
        }
        query.addElement("feature").addAttribute("var", PeerDirectory.DATA_CHANNELS);

        assertThat(peers.featuresAnswered(reply)).isTrue();

        assertThat(peers.quirks(device).dataChannels()).isTrue();
    }
}
