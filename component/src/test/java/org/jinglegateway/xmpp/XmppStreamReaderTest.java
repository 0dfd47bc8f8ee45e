package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

final class XmppStreamReaderTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
            + " xmlns:stream='http://etherx.jabber.org/streams' from='gw.localhost' id='abc123'>";

    private static XmppStreamReader reader(String text) throws StreamException {
        return new XmppStreamReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 4096, 32);
    }

    private static StreamErrorCondition failure(String afterHeader) throws StreamException {
        XmppStreamReader r = reader(HEADER + afterHeader);
        r.readHeader();
        try {
            while (r.nextElement().isPresent()) {
                // drain
            }
        } catch (StreamException e) {
            assertThat(e.local()).as(e.getMessage()).isTrue();
            return e.condition();
        }
        throw new AssertionError("no stream error for " + afterHeader);
    }

    @Test
    void header_returnsStreamIdAndFrom() throws Exception {
        XmppStreamReader r = reader(HEADER);
        assertThat(r.readHeader()).containsEntry("id", "abc123").containsEntry("from", "gw.localhost");
    }

    @Test
    void stanzas_areBuiltWithNamespacesTextAndAttributes() throws Exception {
        XmppStreamReader r = reader(HEADER + " <handshake/>\n<iq type='get' id='1' to='gw.localhost' xml:lang='en'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'>a &amp; b &lt;c&gt;</query></iq>");
        r.readHeader();
        assertThat(r.nextElement().map(Element::getName)).contains("handshake");
        Element iq = r.nextElement().orElseThrow();
        assertThat(iq.attributeValue("type")).isEqualTo("get");
        assertThat(iq.getNamespaceURI()).isEqualTo("jabber:component:accept");
        Element query = iq.element("query");
        assertThat(query.getNamespaceURI()).isEqualTo("http://jabber.org/protocol/disco#info");
        assertThat(query.getText()).isEqualTo("a & b <c>");
        assertThat(iq.asXML()).contains("xml:lang=\"en\"");
    }

    @Test
    void endOfStream_returnsEmpty() throws Exception {
        XmppStreamReader r = reader(HEADER + "<iq type='result' id='1'/></stream:stream>");
        r.readHeader();
        assertThat(r.nextElement()).isPresent();
        assertThat(r.nextElement()).isEqualTo(Optional.empty());
    }

    @Test
    void comment_isRestrictedXml() throws Exception {
        assertThat(failure("<!-- hello -->")).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void commentInsideStanza_isRestrictedXml() throws Exception {
        assertThat(failure("<message><!-- hello --></message>")).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void processingInstruction_isRestrictedXml() throws Exception {
        assertThat(failure("<?foo bar?>")).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void undeclaredEntity_isRestrictedXml() throws Exception {
        assertThat(failure("<message><body>&foo;</body></message>")).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void doctypeBeforeStream_isRestrictedXml() throws Exception {
        XmppStreamReader r = reader("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'boom'>]>"
                + HEADER.substring(HEADER.indexOf("<stream:")));
        assertThatThrownBy(r::readHeader).isInstanceOf(StreamException.class)
                .extracting(e -> ((StreamException) e).condition()).isEqualTo(StreamErrorCondition.RESTRICTED_XML);
    }

    @Test
    void doctypeInsideStream_isRefused() throws Exception {
        assertThat(failure("<!DOCTYPE x [<!ENTITY e SYSTEM 'http://127.0.0.1:9/x'>]><message>&e;</message>"))
                .isIn(StreamErrorCondition.RESTRICTED_XML, StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void deepNesting_isPolicyViolationWithoutStackOverflow() throws Exception {
        assertThat(failure("<a>".repeat(100_000))).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void oversizeStanza_isPolicyViolation() throws Exception {
        assertThat(failure("<message><body>" + "x".repeat(5000) + "</body></message>"))
                .isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void oversizeAttributes_isPolicyViolation() throws Exception {
        assertThat(failure("<message id='" + "x".repeat(5000) + "'/>"))
                .isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
    }

    @Test
    void truncatedStream_isClosedNotAnError() throws Exception {
        XmppStreamReader r = reader(HEADER + "<message><body>hel");
        r.readHeader();
        assertThatThrownBy(r::nextElement).isInstanceOf(StreamException.class)
                .matches(e -> ((StreamException) e).closed());
    }

    @Test
    void brokenXml_isNotWellFormed() throws Exception {
        assertThat(failure("<message><body></message>")).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }
}
