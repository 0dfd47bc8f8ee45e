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
 * refuses it with the stream error Prosody would use, then reconnects and works.
 */
final class RestrictedXmlIT {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("comment", "", "<!-- hello -->", "restricted-xml"),
                Arguments.of("processing instruction", "", "<?evil data?>", "restricted-xml"),
                Arguments.of("undeclared entity", "", "<message><body>&custom;</body></message>", "restricted-xml"),
                Arguments.of("doctype with external entity", "<!DOCTYPE stream:stream [<!ENTITY ext SYSTEM"
                        + " 'http://127.0.0.1:%d/x'>]>", "<message>&ext;</message>", "restricted-xml"),
                Arguments.of("deep nesting", "", "<message>" + "<a>".repeat(10_000), "policy-violation"),
                Arguments.of("oversize stanza", "", "<message><body>" + "x".repeat(300 * 1024) + "</body></message>",
                        "policy-violation"));
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
