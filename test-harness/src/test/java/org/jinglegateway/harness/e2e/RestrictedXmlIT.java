package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.jinglegateway.harness.FakeComponentServer;
import org.jinglegateway.harness.GatewayProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What no real server sends, fed through the gateway's real reader by a scripted XEP-0114 server: the gateway
 * refuses it with the stream error Prosody would use, then reconnects and works. What real servers do forward
 * (too deep, too large, many children) is refused per stanza, or taken, and the link stays up.
 */
final class RestrictedXmlIT {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("comment", "", "<!-- hello -->", "restricted-xml"),
                Arguments.of("processing instruction", "", "<?evil data?>", "restricted-xml"),
                Arguments.of("undeclared entity", "", "<message><body>&custom;</body></message>", "restricted-xml"),
                Arguments.of("doctype with external entity", "<!DOCTYPE stream:stream [<!ENTITY ext SYSTEM"
                        + " 'http://127.0.0.1:%d/x'>]>", "<message>&ext;</message>", "restricted-xml"),
                Arguments.of("not well-formed", "", "<message><body></message>", "not-well-formed"));
    }

    /** Stanzas real servers forward (Prosody did each of these): refused alone, or taken; never the link. */
    static Stream<Arguments> overLimit() {
        return Stream.of(
                Arguments.of("nested 71 deep", "<a>".repeat(70) + "</a>".repeat(70),
                        "the stanza nests elements deeper than this gateway accepts (64 levels)"),
                Arguments.of("over max-stanza-bytes", "<x xmlns='urn:example:big'>" + "x".repeat(1100 * 1024) + "</x>",
                        "more than this gateway accepts (1048576)"),
                Arguments.of("40,000 empty children (160 KB)", "<x xmlns='urn:example:many'>" + "<y/>".repeat(40_000)
                        + "</x>", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimit")
    void stanzaOverALimit_isRefusedAloneAndTheLinkStaysUp(String name, String payload, String errorText)
            throws Exception {
        try (FakeComponentServer server = new FakeComponentServer();
             GatewayProcess gateway = GatewayProcess.at(server.port(), "s").start();
             FakeComponentServer.Connection link = server.accept()) {
            link.handshake("");
            gateway.awaitReady(1, Duration.ofSeconds(20));
            link.send("<iq type='set' id='big' from='mallory@localhost/m' to='x@gw.localhost/y'>" + payload + "</iq>");
            link.send("<iq type='get' id='d1' from='alice@localhost/x' to='gw.localhost'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            // one reader thread answers in stream order: the answer to "big" comes before the disco result
            String received = link.readUntil("urn:xmpp:jingle:1");
            if (errorText.isEmpty()) {
                // taken: it reached the component, which answers what it does not serve
                assertThat(received).contains("id=\"big\"").contains("service-unavailable");
            } else {
                assertThat(received).contains("<iq type='error' id='big' from='x@gw.localhost/y'"
                        + " to='mallory@localhost/m'><error type='modify'><policy-violation"
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>").contains(errorText);
            }
            assertThat(received).contains("urn:xmpp:jingle:1").doesNotContain("stream:error");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInput_closesWithStreamErrorThenReconnectsAndWorks(String name, String prologue, String payload,
                                                              String condition) throws Exception {
        try (FakeComponentServer server = new FakeComponentServer();
             ServerSocket entityTrap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             GatewayProcess gateway = GatewayProcess.at(server.port(), "s").start()) {
            try (FakeComponentServer.Connection first = server.accept()) {
                String header = String.format(prologue, entityTrap.getLocalPort());
                if (header.isEmpty()) {
                    first.handshake("");
                    try {
                        first.send(payload);
                    } catch (java.io.IOException e) {
                        // the gateway may close while a large payload is still being written: that is the point
                    }
                } else {
                    // a DOCTYPE can only stand in the prologue, before the stream header
                    first.readUntil(">");
                    first.send("<?xml version='1.0'?>" + header + "<stream:stream xmlns='jabber:component:accept'"
                            + " xmlns:stream='http://etherx.jabber.org/streams' id='x1'>" + payload);
                }
                String received = first.readToEnd();
                assertThat(received).contains("<stream:error><" + condition
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            }
            entityTrap.setSoTimeout(200);
            assertThat(acceptsConnection(entityTrap)).as("the external entity was fetched").isFalse();
            try (FakeComponentServer.Connection second = server.accept()) {
                second.handshake("");
                // the first connection's handshake succeeded too, unless the prologue was refused before it
                gateway.awaitReady(prologue.isEmpty() ? 2 : 1, Duration.ofSeconds(20));
                second.send("<iq type='get' id='d1' from='alice@localhost/x' to='gw.localhost'>"
                        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
                String answer = second.readUntil("</iq>");
                assertThat(answer).contains("type=\"result\"").contains("urn:xmpp:jingle:1");
            }
        }
    }

    private static boolean acceptsConnection(ServerSocket trap) throws Exception {
        try {
            trap.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
