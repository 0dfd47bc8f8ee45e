package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class RefusedStanzaTest {
    private static RefusedStanza refused(String name, Map<String, String> attributes) {
        return new RefusedStanza(name, attributes, RefusedStanza.Limit.DEPTH, 1500, 64);
    }

    @Test
    void iqSet_getsPolicyViolationFromTheAddressedJid() {
        RefusedStanza r = refused("iq", Map.of("type", "set", "id", "j1", "from", "mallory@localhost/m",
                "to", "alice@gw.localhost/web-1"));

        assertThat(r.errorReply("gw.localhost")).contains("<iq type='error' id='j1' from='alice@gw.localhost/web-1'"
                + " to='mallory@localhost/m'><error type='modify'><policy-violation"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"
                + "the stanza nests elements deeper than this gateway accepts (64 levels)</text></error></iq>");
    }

    @Test
    void messageWithoutTo_isAnsweredFromTheDomain() {
        RefusedStanza r = new RefusedStanza("message", Map.of("type", "chat", "from", "m@localhost/m"),
                RefusedStanza.Limit.SIZE, 600_000, 524_288);

        assertThat(r.errorReply("gw.localhost")).hasValueSatisfying(xml -> assertThat(xml)
                .startsWith("<message type='error' from='gw.localhost' to='m@localhost/m'>")
                .contains("the stanza is 600000 bytes, more than this gateway accepts (524288)"));
    }

    @Test
    void iqResult_getsNoError() {
        assertThat(refused("iq", Map.of("type", "result", "id", "1", "from", "m@localhost/m"))
                .errorReply("gw.localhost")).isEmpty();
    }

    @Test
    void errorStanza_getsNoError() {
        assertThat(refused("message", Map.of("type", "error", "from", "m@localhost/m")).errorReply("gw.localhost"))
                .isEmpty();
        assertThat(refused("presence", Map.of("type", "error", "from", "m@localhost/m")).errorReply("gw.localhost"))
                .isEmpty();
    }

    @Test
    void presence_getsPresenceError() {
        assertThat(refused("presence", Map.of("from", "m@localhost/m", "to", "a@gw.localhost"))
                .errorReply("gw.localhost")).hasValueSatisfying(xml -> assertThat(xml)
                .startsWith("<presence type='error' from='a@gw.localhost' to='m@localhost/m'>"));
    }

    @Test
    void stanzaWithoutFrom_getsNoError() {
        assertThat(refused("iq", Map.of("type", "get", "id", "1")).errorReply("gw.localhost")).isEmpty();
    }

    @Test
    void attributeValues_areEscapedInTheReply() {
        assertThat(refused("iq", Map.of("type", "get", "id", "a'<b", "from", "m@localhost/m"))
                .errorReply("gw.localhost")).hasValueSatisfying(xml -> assertThat(xml).contains("id='a&apos;&lt;b'"));
    }
}
