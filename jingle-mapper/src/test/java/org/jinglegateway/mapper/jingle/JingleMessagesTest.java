package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dom4j.Element;
import org.jinglegateway.mapper.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/** XEP-0353 messages in the shapes Conversations, Dino, Monal and Movim send. */
final class JingleMessagesTest {

    static List<String> jmiFixtures() {
        return Fixtures.named(".xml").stream().filter(n -> n.contains("/jmi-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jmiFixtures")
    void fixture_readsAndWritesBackSimilar(String name) {
        Element message = parse(Fixtures.read(name));
        JingleMessage jm = JingleMessages.read(message).orElseThrow();
        assertThat(name).contains(jm.kind().token());
        Element payload = message.elements().stream()
                .filter(e -> Namespaces.JMI.equals(e.getNamespaceURI())).findFirst().orElseThrow();
        Diff diff = DiffBuilder.compare(payload.asXML()).withTest(JingleMessages.toXml(jm)).ignoreWhitespace()
                .checkForSimilar().build();
        assertThat(diff.hasDifferences()).as("%s: %s", name, diff).isFalse();
        assertThat(JingleMessages.read(JingleMessages.toXml(jm))).contains(jm);
    }

    @Test
    void propose_listsTheMedia() {
        JingleMessage jm = JingleMessages.read(Fixtures.read("modelled/conversations/jmi-propose-audio-video.xml"))
                .orElseThrow();
        assertThat(jm.kind()).isEqualTo(JingleMessage.Kind.PROPOSE);
        assertThat(jm.id()).isEqualTo("rSr5h/5/pz8I8cMY26V9aQ");
        assertThat(jm.media()).containsExactly("audio", "video");
    }

    @Test
    void finish_carriesReasonAndMigration() {
        JingleMessage jm = JingleMessages.read("<finish xmlns='urn:xmpp:jingle-message:0' id='a'><reason"
                + " xmlns='urn:xmpp:jingle:1'><success/></reason><migrated to='b'/></finish>").orElseThrow();
        assertThat(jm.reason().orElseThrow().condition()).isEqualTo("success");
        assertThat(jm.migratedTo()).contains("b");
        assertThat(JingleMessages.toXml(jm)).isEqualTo("<finish xmlns=\"urn:xmpp:jingle-message:0\" id=\"a\">"
                + "<reason xmlns=\"urn:xmpp:jingle:1\"><success/></reason><migrated to=\"b\"/></finish>");
    }

    @Test
    void messageWithoutJmi_isEmpty() {
        assertThat(JingleMessages.read("<message xmlns='jabber:client'><body>hi</body></message>")).isEmpty();
    }

    @Test
    void proposeWithoutId_isRefused() {
        assertThatThrownBy(() -> JingleMessages.read("<propose xmlns='urn:xmpp:jingle-message:0'/>"))
                .isInstanceOf(JingleParseException.class)
                .hasMessage("/propose/@id: the attribute is required (XEP-0353 §3)");
    }

    /** The original parsed by dom4j's own SAX parser: independent of the reader under test. */
    private static Element parse(String xml) {
        try {
            return org.dom4j.DocumentHelper.parseText(xml).getRootElement();
        } catch (org.dom4j.DocumentException e) {
            throw new AssertionError(e);
        }
    }
}
