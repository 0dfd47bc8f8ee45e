package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class JingleReaderTest {
    private static final String JINGLE = "<jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='s1'>"
            + "<reason><success/><text>bye</text></reason></jingle>";

    @Test
    void doctype_isRefused() {
        assertThatThrownBy(() -> JingleReader.read("<!DOCTYPE jingle [<!ENTITY a 'aaaaaaaa'><!ENTITY b '&a;&a;&a;'>]>"
                + JINGLE)).isInstanceOf(JingleParseException.class)
                .hasMessage("/: a DOCTYPE is not allowed in XMPP (RFC 6120 §11.1)")
                .extracting(e -> ((JingleParseException) e).kind()).isEqualTo(JingleParseException.Kind.NOT_XML);
    }

    @Test
    void deepNesting_isRefusedWithoutStackOverflow() {
        assertThatThrownBy(() -> JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'>"
                + "<x>".repeat(100_000))).isInstanceOf(JingleParseException.class)
                .hasMessage("/: elements nested deeper than 64");
    }

    @Test
    void sctpmapWithoutAPortNumber_namesTheAttribute() {
        assertThatThrownBy(() -> JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate'"
                + " sid='s'><content creator='initiator' name='data'><transport"
                + " xmlns='urn:xmpp:jingle:transports:ice-udp:1'><sctpmap"
                + " xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='http' protocol='webrtc-datachannel'/>"
                + "</transport></content></jingle>"))
                .isInstanceOf(JingleParseException.class)
                .hasMessage("/jingle/content[1]/transport[1]/sctpmap[1]/@number: must be a number 0-65535, found"
                        + " \"http\"");
    }

    private static HeaderExtension hdrext(String action, String attributes) {
        return JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='s'><content"
                + " creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + "<payload-type id='0' name='PCMU' clockrate='8000'/><rtp-hdrext"
                + " xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' uri='urn:x' " + attributes + "/></description>"
                + "</content></jingle>").contents().get(0).description().orElseThrow().headerExtensions().get(0);
    }

    @Test
    void hdrextIdWithADirection_isReadAsIdAndTheWritersDirection() {
        // Conversations copies a=extmap:2/recvonly into the id
        assertThat(hdrext("session-accept", "id='2/recvonly'")).isEqualTo(new HeaderExtension(2, "urn:x",
                java.util.Optional.of(Senders.INITIATOR), java.util.List.of()));
        assertThat(hdrext("session-initiate", "id='2/recvonly'").senders()).contains(Senders.RESPONDER);
        assertThat(hdrext("session-initiate", "id='3/sendonly'").senders()).contains(Senders.INITIATOR);
        assertThat(hdrext("session-accept", "id='3/sendrecv'").senders()).contains(Senders.BOTH);
        assertThat(hdrext("session-accept", "id='3/inactive'").senders()).contains(Senders.NONE);
        assertThat(hdrext("content-add", "id='3/sendonly'").senders()).as("writer's role unknown").isEmpty();
        assertThat(hdrext("session-accept", "id='2/sendonly' senders='both'").senders())
                .as("an explicit senders wins").contains(Senders.BOTH);
    }

    @Test
    void hdrextIdWithSomethingElseAfterTheSlash_isRefusedNamingIt() {
        assertThatThrownBy(() -> hdrext("session-accept", "id='2/sideways'")).isInstanceOf(JingleParseException.class)
                .hasMessageEndingWith("@id: must be a number 1-255, optionally followed by /sendrecv, /sendonly,"
                        + " /recvonly or /inactive, found direction \"sideways\"");
        assertThatThrownBy(() -> hdrext("session-accept", "id='x/sendonly'")).isInstanceOf(JingleParseException.class)
                .hasMessageEndingWith("@id: must be a number 1-255, found \"x\"");
    }

    @Test
    void sctpmap_isTypedWithItsAttributes() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content"
                + " creator='initiator' name='data'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'><sctpmap"
                + " xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel'"
                + " streams='1024' max-message-size='262144' x='1'/></transport></content></jingle>");
        assertThat(j.contents().get(0).transport().orElseThrow().sctpmap()).contains(new SctpMap(5000,
                java.util.Optional.of("webrtc-datachannel"), java.util.OptionalInt.of(1024),
                java.util.Optional.of("262144"), java.util.List.of(new XmlAttribute("x", "1"))));
    }

    @Test
    void relatedAddressWithSpace_namesTheCandidate() {
        // found by TranslationPropertiesTest
        assertThatThrownBy(() -> JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='s'>"
                + "<content creator='initiator' name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
                + "<candidate component='1' foundation='1' ip='192.0.2.7' port='1' priority='1' protocol='udp'"
                + " rel-addr=' 192.0.2.2' rel-port='9' type='srflx'/></transport></content></jingle>"))
                .isInstanceOf(JingleParseException.class)
                .hasMessage("/jingle/content[1]/transport[1]/candidate[1]: related address must not contain a space,"
                        + " found \" 192.0.2.2\"");
    }

    @Test
    void brokenXml_isNotXml() {
        assertThatThrownBy(() -> JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1'>"))
                .isInstanceOf(JingleParseException.class).hasMessageStartingWith("/: not well-formed XML: ");
    }

    @Test
    void otherElement_isNotJingle() {
        assertThatThrownBy(() -> JingleReader.read("<message xmlns='jabber:client'/>"))
                .isInstanceOf(JingleParseException.class)
                .hasMessage("/message: expected a <jingle xmlns='urn:xmpp:jingle:1'> element or an <iq> holding one");
    }

    @Test
    void reason_readsConditionAndText() {
        Jingle j = JingleReader.read(JINGLE);
        assertThat(j.action()).isEqualTo(JingleAction.SESSION_TERMINATE);
        assertThat(j.reason().orElseThrow().condition()).isEqualTo("success");
        assertThat(j.reason().orElseThrow().text()).contains("bye");
        assertThat(JingleReader.read(JingleWriter.toXml(j))).isEqualTo(j);
    }

    @Test
    void iqWrapper_isUnwrapped() {
        Jingle j = JingleReader.read("<iq xmlns='jabber:client' type='set' id='1'>" + JINGLE + "</iq>");
        assertThat(j.sid()).isEqualTo("s1");
    }

    @Test
    void missingSid_namesTheAttribute() {
        assertThatThrownBy(() -> JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-info'/>"))
                .isInstanceOf(JingleParseException.class).hasMessage("/jingle/@sid: the attribute is required");
    }
}
