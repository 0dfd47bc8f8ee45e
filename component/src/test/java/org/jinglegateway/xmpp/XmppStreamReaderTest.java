package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** Reads the stream to its end with the given limits: what was delivered and what was refused, in order. */
    private static List<String> drain(String afterHeader, int maxBytes, int maxDepth, List<RefusedStanza> refused)
            throws StreamException {
        XmppStreamReader r = new XmppStreamReader(new ByteArrayInputStream((HEADER + afterHeader
                + "</stream:stream>").getBytes(StandardCharsets.UTF_8)), maxBytes, maxDepth, refused::add);
        r.readHeader();
        List<String> delivered = new ArrayList<>();
        for (Optional<Element> e = r.nextElement(); e.isPresent(); e = r.nextElement()) {
            delivered.add(e.get().attributeValue("id"));
        }
        return delivered;
    }

    private static final String PING = "<iq type='get' id='after' from='bob@localhost/b' to='gw.localhost'>"
            + "<ping xmlns='urn:xmpp:ping'/></iq>";

    @Test
    void deepStanza_isRefusedAloneAndTheNextStanzaIsDelivered() throws Exception {
        // the attack seen on Prosody: 1.5 KB nested 71 deep, sent to any JID of the gateway's domain
        String deep = "<iq type='set' id='deep' from='mallory@localhost/m' to='x@gw.localhost/y'>"
                + "<a>".repeat(70) + "</a>".repeat(70) + "</iq>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(deep + PING, 1 << 20, 64, refused)).containsExactly("after");
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.limit()).isEqualTo(RefusedStanza.Limit.DEPTH);
            assertThat(r.name()).isEqualTo("iq");
            assertThat(r.attributes()).containsEntry("from", "mallory@localhost/m").containsEntry("id", "deep")
                    .containsEntry("type", "set");
            assertThat(r.bytes()).isEqualTo(deep.length());
        });
    }

    @Test
    void stanzaAtTheDepthLimit_isDelivered() throws Exception {
        String atLimit = "<message id='m'>" + "<a>".repeat(31) + "</a>".repeat(31) + "</message>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(atLimit, 4096, 32, refused)).containsExactly("m");
        assertThat(refused).isEmpty();
    }

    @Test
    void endlessNesting_costsNoStackOrMemoryAndEndsAsClosed() throws Exception {
        XmppStreamReader r = reader(HEADER + "<message>" + "<a>".repeat(200_000));
        r.readHeader();
        assertThatThrownBy(r::nextElement).isInstanceOf(StreamException.class)
                .matches(e -> ((StreamException) e).closed());
    }

    @Test
    void oversizeStanza_isRefusedWithItsExactByteCountAndTheNextIsDelivered() throws Exception {
        String big = "<message id='big' from='mallory@localhost/m' type='chat'><body>" + "x".repeat(5000)
                + "</body></message>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(big + PING, 4096, 32, refused)).containsExactly("after");
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.limit()).isEqualTo(RefusedStanza.Limit.SIZE);
            assertThat(r.bytes()).isEqualTo(big.length());
            assertThat(r.max()).isEqualTo(4096);
            assertThat(r.attributes()).containsEntry("from", "mallory@localhost/m");
        });
    }

    @Test
    void multiByteCharacters_areCountedInBytes() throws Exception {
        // 2100 characters, 4200 bytes in UTF-8: over a 4096-byte limit although under 4096 characters
        String wide = "<message id='wide'><body>" + "é".repeat(2100) + "</body></message>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(wide + PING, 4096, 32, refused)).containsExactly("after");
        assertThat(refused).singleElement()
                .satisfies(r -> assertThat(r.bytes()).isEqualTo(wide.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void manyEmptyChildren_areCountedAsTheirRawBytes() throws Exception {
        // 1000 <y/> are 4000 bytes: under the limit (an estimate of 7 per element said 7000 and dropped it)
        String many = "<message id='many'>" + "<y/>".repeat(1000) + "</message>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(many + PING, 4096, 32, refused)).containsExactly("many", "after");
        assertThat(refused).isEmpty();
    }

    @Test
    void manyEmptyChildrenOverTheLimit_areRefusedAndTheNextIsDelivered() throws Exception {
        String many = "<message id='many'>" + "<y/>".repeat(2000) + "</message>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(many + PING, 4096, 32, refused)).containsExactly("after");
        assertThat(refused).singleElement().satisfies(r -> assertThat(r.bytes()).isEqualTo(many.length()));
    }

    @Test
    void theAttackSizedMessage_isDeliveredAtTheDefaultLimit() throws Exception {
        // 40,000 empty children, 160 KB: Prosody forwarded it, so the gateway must take it
        String many = "<message id='many'>" + "<y/>".repeat(40_000) + "</message>";

        assertThat(drain(many + PING, 1 << 20, ComponentSession.MAX_DEPTH, new ArrayList<>()))
                .containsExactly("many", "after");
    }

    @Test
    void oversizeOpeningTag_isRefusedWithoutKnownSender() throws Exception {
        String big = "<message id='" + "x".repeat(5000) + "' from='mallory@localhost/m'/>";
        List<RefusedStanza> refused = new ArrayList<>();

        assertThat(drain(big + PING, 4096, 32, refused)).containsExactly("after");
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.attributes()).isEmpty();
            assertThat(r.errorReply("gw.localhost")).isEmpty();
        });
    }

    /**
     * An element with more than 1,000 attributes or namespace declarations (Woodstox counts both): that stanza alone
     * is refused, before it is built (its attributes would cost the square of their number), and the stream goes on.
     * The JDK's parser, used until 2026-12-05, ended the stream over 10,000, and Woodstox's own limit would have too.
     * 1,000 attributes, 500 namespace declarations and a 200 KB value are read.
     */
    @Test
    void overAThousandAttributesOrNamespaces_isRefusedAlone_longValuesAreRead_andTheStreamGoesOn() throws Exception {
        List<RefusedStanza> refused = new ArrayList<>();
        List<String> delivered = drain("<message id='over' from='mallory@localhost/m'><x" + attributes(20_000)
                + "/></message>" + "<message id='limit'><x" + attributes(1_000) + "/></message>"
                + "<message id='namespaces' from='mallory@localhost/m'><x" + namespaces(5_000) + "/></message>"
                + "<message id='some-namespaces'><x" + namespaces(500) + "/></message>"
                + "<message id='value'><x v='" + "v".repeat(200_000) + "'/></message>"
                + "<iq type='set' id='root' from='mallory@localhost/m'" + attributes(1_001) + "/>" + PING,
                1 << 20, 64, refused);
        assertThat(delivered).containsExactly("limit", "some-namespaces", "value", "after");
        assertThat(refused).hasSize(3);
        assertThat(refused.get(0).limit()).isEqualTo(RefusedStanza.Limit.ATTRIBUTES);
        assertThat(refused.get(0).attributes()).containsEntry("from", "mallory@localhost/m")
                .containsEntry("id", "over");
        assertThat(refused.get(0).errorReply("gw.localhost")).hasValueSatisfying(reply -> assertThat(reply)
                .contains("policy-violation").contains("more attributes than this gateway accepts (1000)"));
        assertThat(refused.get(1).attributes()).containsEntry("id", "namespaces");
        assertThat(refused.get(1).limit()).isEqualTo(RefusedStanza.Limit.ATTRIBUTES);
        // the root itself over the limit: nothing of it is known, and no one is answered
        assertThat(refused.get(2).name()).isEqualTo("?");
        assertThat(refused.get(2).errorReply("gw.localhost")).isEmpty();
    }

    private static String attributes(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(" a").append(i).append("=''");
        }
        return b.toString();
    }

    private static String namespaces(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(" xmlns:p").append(i).append("='urn:").append(i).append("'");
        }
        return b.toString();
    }

    /** A character reference XML 1.0 forbids, in text or after CDATA: not-well-formed, never an unchecked failure. */
    @Test
    void forbiddenCharacterInText_isNotWellFormed() throws Exception {
        assertThat(failure("<message><body>x&#1;</body></message>")).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
        assertThat(failure("<message><body>x&#xFFFE;</body></message>"))
                .isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
        assertThat(failure("<message><body><![CDATA[a]]>\u0001</body></message>"))
                .isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void markupInsideQuotesAndCdata_doesNotEndTheStanza() throws Exception {
        XmppStreamReader r = reader(HEADER + "<message id='a/>b' to=\"x>y\"><body><![CDATA[<c> ]] ]]]></body>"
                + "</message>" + PING);
        r.readHeader();
        Element message = r.nextElement().orElseThrow();
        assertThat(message.attributeValue("id")).isEqualTo("a/>b");
        assertThat(message.elementText("body")).isEqualTo("<c> ]] ]");
        assertThat(r.nextElement().map(e -> e.attributeValue("id"))).contains("after");
    }

    @Test
    void streamError_keepsTheStreamPrefixNamespace() throws Exception {
        XmppStreamReader r = reader(HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error>");
        r.readHeader();
        Element error = r.nextElement().orElseThrow();
        assertThat(error.getNamespaceURI()).isEqualTo(XmppStreamReader.STREAM_NS);
        assertThat(error.getName()).isEqualTo("error");
    }

    @Test
    void mismatchedEndTag_isNotWellFormed() throws Exception {
        assertThat(failure("<message><a></b></message>")).isEqualTo(StreamErrorCondition.NOT_WELL_FORMED);
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

    /**
     * One parser reads the whole stream: stanzas of every shape and of sizes that end on and around the parser's
     * buffer edges must each come out whole, as soon as their own bytes are in (the stream below ends right after
     * each stanza is read, so a parser that read ahead would fail).
     */
    @Test
    void stanzasOfManyShapesAndSizes_eachComeOutWholeFromOneParser() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int size = 0; size < 9000; size += 37) {
            sent.add("<message id='m" + size + "' to='a@gw.localhost/r'><body>" + "x".repeat(size)
                    + "</body></message>");
            sent.add("<presence from='b@localhost/r' to='a@gw.localhost'/>");
            sent.add("<iq type='result' id='i" + size + "'><q xmlns='urn:x'><![CDATA[" + "é".repeat(size % 500)
                    + "]]></q></iq>");
        }
        for (String stanza : sent) {
            XmppStreamReader r = new XmppStreamReader(new ByteArrayInputStream((HEADER + stanza + stanza)
                    .getBytes(StandardCharsets.UTF_8)), 65536, 32);
            r.readHeader();
            assertThat(r.nextElement()).as(stanza).isPresent();
            assertThat(r.nextElement()).as(stanza).isPresent();
        }
        String stream = HEADER + String.join("\n", sent) + "</stream:stream>";
        XmppStreamReader all = new XmppStreamReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                65536, 32);
        all.readHeader();
        for (String stanza : sent) {
            Element e = all.nextElement().orElseThrow();
            assertThat(e.asXML().replace('"', '\'')).as(stanza).contains(stanza.substring(1, stanza.indexOf(' ')));
            if (e.getName().equals("message")) {
                assertThat(e.elementText("body")).isEqualTo("x".repeat(Integer.parseInt(e.attributeValue("id")
                        .substring(1))));
            }
        }
        assertThat(all.nextElement()).isEmpty();
    }

    /** A stream outlives the JDK parser's size limits on entities (50,000,000 bytes in all). */
    @Test
    void aStreamLongerThanTheParsersEntityLimits_goesOn() throws Exception {
        String stanza = "<message to='a@gw.localhost/r' id='x'><body>" + "y".repeat(1000) + "</body></message>";
        int count = 60_000;
        java.io.InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(HEADER.getBytes(
                StandardCharsets.UTF_8)), new java.io.InputStream() {
                    private final byte[] one = stanza.getBytes(StandardCharsets.UTF_8);
                    private long at;

                    @Override
                    public int read() {
                        return at < (long) one.length * count ? one[(int) (at++ % one.length)] : -1;
                    }
                });
        XmppStreamReader r = new XmppStreamReader(in, 4096, 32);
        r.readHeader();
        for (int i = 0; i < count; i++) {
            assertThat(r.nextElement()).isPresent();
        }
        assertThatThrownBy(r::nextElement).matches(e -> ((StreamException) e).closed());
    }
}
