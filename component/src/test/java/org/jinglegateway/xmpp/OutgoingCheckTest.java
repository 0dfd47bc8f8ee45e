package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

final class OutgoingCheckTest {
    private static IQ jingle(String sid) {
        IQ iq = new IQ(IQ.Type.set, "j1");
        iq.setTo("romeo@localhost/orchard");
        iq.setChildElement("jingle", "urn:xmpp:jingle:1").addAttribute("sid", sid);
        return iq;
    }

    private static Message chat(String body) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setTo("romeo@localhost/orchard");
        m.setBody(body);
        return m;
    }

    private static void check(org.xmpp.packet.Packet p, int max) {
        OutgoingCheck.check(p.toXML(), p, max);
    }

    @Test
    void stanzaOverTheLimit_isTooLargeNamingItsKindNotItsContent() {
        IQ iq = jingle("secret-" + "x".repeat(2000));
        int size = iq.toXML().getBytes(StandardCharsets.UTF_8).length;

        assertThatThrownBy(() -> check(iq, 1024)).isInstanceOf(UnsendableStanzaException.class)
                .hasMessage("iq set jingle (urn:xmpp:jingle:1) is " + size + " bytes, more than"
                        + " xmpp.max-outgoing-bytes (1024) lets through to the XMPP server: not sent")
                .satisfies(e -> {
                    UnsendableStanzaException u = (UnsendableStanzaException) e;
                    assertThat(u.problem()).isEqualTo(UnsendableStanzaException.Problem.TOO_LARGE);
                    assertThat(u.kind()).isEqualTo("iq set jingle (urn:xmpp:jingle:1)");
                });
    }

    @Test
    void stanzaAtTheLimitInUtf8Bytes_passesAndOneByteLessFails() {
        Message m = chat("é".repeat(500) + "\uD83D\uDE00");
        int size = m.toXML().getBytes(StandardCharsets.UTF_8).length;

        assertThatCode(() -> check(m, size)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(m, size - 1)).isInstanceOf(UnsendableStanzaException.class);
    }

    @Test
    void controlCharacter_isForbiddenWhetherRawOrAsReference() {
        assertThatThrownBy(() -> check(chat("a\u0001b"), 1 << 20)).isInstanceOf(UnsendableStanzaException.class)
                .hasMessageMatching("message chat body holds the character U\\+0001 at character \\d+, which XML 1.0"
                        + " forbids: not sent")
                .extracting(e -> ((UnsendableStanzaException) e).problem())
                .isEqualTo(UnsendableStanzaException.Problem.FORBIDDEN_CHARACTER);
        Message m = chat("ok");
        assertThatThrownBy(() -> OutgoingCheck.check("<message><body>a&#x1;b</body></message>", m, 1 << 20))
                .hasMessage("message chat body holds the character U+0001 at character 16, which XML 1.0 forbids:"
                        + " not sent");
        assertThatThrownBy(() -> OutgoingCheck.check("<message><body>&#0;</body></message>", m, 1 << 20))
                .hasMessageContaining("U+0000");
    }

    @Test
    void loneSurrogate_isForbidden() {
        assertThatThrownBy(() -> check(jingle("a\uD800b"), 1 << 20)).isInstanceOf(UnsendableStanzaException.class)
                .hasMessageMatching("iq set jingle \\(urn:xmpp:jingle:1\\) holds a lone surrogate U\\+D800 at"
                        + " character \\d+, which XML 1.0 forbids: not sent");
        assertThatThrownBy(() -> check(chat("\uDC00"), 1 << 20)).hasMessageContaining("lone surrogate U+DC00");
    }

    @Test
    void nonCharacterFffe_isForbidden() {
        assertThatThrownBy(() -> check(chat("\uFFFE"), 1 << 20)).hasMessageContaining("the character U+FFFE");
    }

    @Test
    void allowedCharacters_pass() {
        assertThatCode(() -> check(chat("tab\there\nline\r\u00e9\u4e2d\uD83D\uDE00\uE000\uFFFD &amp; &#233;"), 1 << 20))
                .doesNotThrowAnyException();
    }
}
