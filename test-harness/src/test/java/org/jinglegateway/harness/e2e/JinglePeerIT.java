package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.Xml;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Element;

/**
 * The raw-XML Jingle client that CallScenarios relies on, checked between two of its own instances on a real Prosody
 * (no gateway): what one sends arrives as written, so a CallScenarios failure is about the gateway, not the harness.
 */
final class JinglePeerIT {
    private static final Duration STEP = Duration.ofSeconds(5);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").user("dave", "dave-pw")
            .build();

    @Test
    void sessionInitiateWithPrefixedNamespaces_arrivesAsWrittenAndIsAnsweredResult() throws Exception {
        try (JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw");
                JinglePeer dave = JinglePeer.login(prosody, "dave", "dave-pw")) {
            Element response = bob.sendJingle(dave.jid(),
                    Fixtures.jingle("stanzajs/session-initiate-audio.xml", "harness-sid-1"));
            assertThat(response.getAttribute("type")).as(Xml.toString(response)).isEqualTo("result");

            Received initiate = dave.awaitJingle("session-initiate", "harness-sid-1", STEP);
            assertThat(initiate.from()).isEqualTo(bob.jid());
            assertThat(Xml.text(initiate.element(), "j:content/rtp:description/@media")).isEqualTo("audio");
            assertThat(Xml.elements(initiate.element(), "j:content/rtp:description/rtp:payload-type")).hasSize(8);
            assertThat(Xml.has(initiate.element(), "j:content/rtp:description/rtp:payload-type[@id='111']"
                    + "/*[local-name()='rtcp-fb' and namespace-uri()='urn:xmpp:jingle:apps:rtp:rtcp-fb:0']"))
                    .as("prefixed rtcp-fb namespace kept: %s", initiate).isTrue();
            assertThat(Xml.text(initiate.element(), "j:content/ice:transport/dtls:fingerprint/@setup"))
                    .isEqualTo("actpass");
            assertThat(Xml.text(initiate.element(), "grp:group/grp:content/@name")).isEqualTo("0");
        }
    }

    @Test
    void jmiProposeToBareJid_arrivesWithIdAndDescription() throws Exception {
        try (JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw");
                JinglePeer dave = JinglePeer.login(prosody, "dave", "dave-pw")) {
            bob.sendJmi("dave@localhost", "<propose xmlns='urn:xmpp:jingle-message:0' id='harness-S1'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
            Received propose = dave.awaitJmi("propose", "harness-S1", STEP);
            assertThat(propose.from()).isEqualTo(bob.jid());
            assertThat(Xml.text(propose.element(), "rtp:description/@media")).isEqualTo("audio");
        }
    }

    @Test
    void jingleToOfflineResource_returnsTheErrorResponse() throws Exception {
        try (JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw")) {
            Element response = bob.sendJingle("dave@localhost/offline",
                    Fixtures.jingle("modelled/conversations/transport-info-candidate-01.xml", "harness-sid-2"));
            assertThat(response.getAttribute("type")).isEqualTo("error");
            assertThat(Xml.has(response, "*[local-name()='error']/stanza:service-unavailable"))
                    .as(Xml.toString(response)).isTrue();
        }
    }
}
