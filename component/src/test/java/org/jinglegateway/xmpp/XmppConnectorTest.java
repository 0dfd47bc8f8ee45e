package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.jinglegateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** The connector against a scripted server on loopback: keepalive, retries, serialised writes. */
final class XmppConnectorTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void connected(String domain) {
            events.add("connected");
        }

        @Override
        public void disconnected(String reason) {
            events.add("disconnected");
        }

        @Override
        public void fatal(StreamErrorCondition condition, String message) {
            events.add("fatal " + condition.token());
        }

        @Override
        public void heldOverflow() {
            events.add("overflow");
        }
    };

    private static final int MAX_OUT = 4096;

    private XmppConnector connector(int port, int keepaliveSeconds) {
        return new XmppConnector(new GatewayConfig.Xmpp("127.0.0.1", port, "gw.localhost", "s", 262144,
                MAX_OUT, keepaliveSeconds, 50, 200, 30, 100, 65536), new GatewayComponent("test"), listener);
    }

    private void expect(String event) throws InterruptedException {
        assertThat(events.poll(10, TimeUnit.SECONDS)).as("next connector event").isEqualTo(event);
    }

    @Test
    void idleConnection_getsWhitespaceKeepalive() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 1)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                String before = peer.readUntil("</handshake>");
                assertThat(peer.readUntil(before + " ")).endsWith(" ");
            }
        }
    }

    @Test
    void conflict_isRetriedUntilAccepted() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer first = server.accept()) {
                first.header();
                first.readUntil("</handshake>");
                first.send("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                        + "</stream:stream>");
            }
            try (ScriptedServer.Peer second = server.accept()) {
                second.handshake();
                expect("connected");
            }
        }
    }

    private static org.xmpp.packet.Message message(String id) {
        org.xmpp.packet.Message m = new org.xmpp.packet.Message();
        m.setID(id);
        m.setFrom("alice@gw.localhost/web");
        m.setTo("bob@localhost/phone");
        m.setBody("x");
        return m;
    }

    /** Starts the connector, lets its first session through the handshake, then drops it. */
    private void connectThenDrop(ScriptedServer server, XmppConnector c) throws Exception {
        c.start();
        try (ScriptedServer.Peer first = server.accept()) {
            first.handshake();
            expect("connected");
        }
        expect("disconnected");
    }

    @Test
    void stanzasSentWhileTheLinkIsDown_areHeldAndSentFirstAfterTheNextHandshake() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            connectThenDrop(server, c);
            c.sendPacket(null, message("held-1"));
            c.sendPacket(null, message("held-2"));
            assertThat(c.heldCount()).isEqualTo(2);
            try (ScriptedServer.Peer second = server.accept()) {
                second.handshake();
                expect("connected");
                c.sendPacket(null, message("new-3"));
                String received = second.readUntil("id=\"new-3\"");
                assertThat(received.indexOf("held-1")).as("in order: %s", received).isPositive()
                        .isLessThan(received.indexOf("held-2"));
                assertThat(c.heldCount()).isZero();
            }
        }
    }

    @Test
    void heldPastItsBound_isDroppedAndReportedOncePerGap() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            connectThenDrop(server, c);
            for (int i = 0; i < 100; i++) {
                c.sendPacket(null, message("m" + i));
            }
            assertThat(c.heldCount()).isEqualTo(100);
            c.sendPacket(null, message("one-too-many"));
            expect("overflow");
            assertThat(c.heldCount()).isZero();
            for (int i = 0; i < 101; i++) {
                c.sendPacket(null, message("again" + i));
            }
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("one report per gap").isNull();
        }
    }

    @Test
    void unreachableServer_isRetriedUntilItListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (XmppConnector c = connector(port, 0)) {
            c.start();
            assertThat(events.poll(400, TimeUnit.MILLISECONDS)).as("no connection while nothing listens").isNull();
            try (ScriptedServer server = new ScriptedServer(port); ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
            }
        }
    }

    @Test
    void wrongSecret_isFatal() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.header();
                peer.readUntil("</handshake>");
                peer.send("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error>");
                expect("fatal not-authorized");
            }
        }
    }

    @Test
    void resultWithoutId_isIgnoredAndTheConnectionKeepsWorking() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                peer.send("<iq type='result' from='localhost' to='gw.localhost'/>");
                peer.send("<iq type='get' id='d1' from='alice@localhost/x' to='gw.localhost'>"
                        + "<query xmlns='urn:xmpp:ping'/></iq>");
                assertThat(peer.readUntil("id=\"d1\"")).contains("type=\"result\"");
            }
        }
    }

    @Test
    void deepIq_isAnsweredWithAnErrorAndTheLinkStaysUp() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                peer.send("<iq type='set' id='deep' from='mallory@localhost/m' to='x@gw.localhost/y'>"
                        + "<a>".repeat(70) + "</a>".repeat(70) + "</iq>");
                peer.send("<iq type='get' id='d1' from='alice@localhost/x' to='gw.localhost'>"
                        + "<query xmlns='urn:xmpp:ping'/></iq>");
                String received = peer.readUntil("id=\"d1\"");
                assertThat(received).contains("<iq type='error' id='deep' from='x@gw.localhost/y'"
                        + " to='mallory@localhost/m'><error type='modify'><policy-violation");
                assertThat(received).doesNotContain("stream:error");
                assertThat(events).isEmpty();
            }
        }
    }

    @Test
    void oversizeOutgoingStanza_throwsAtTheCallerAndIsNeverWritten() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                IQ big = new IQ(IQ.Type.set, "big");
                big.setTo("romeo@localhost/orchard");
                big.setChildElement("jingle", "urn:xmpp:jingle:1").addAttribute("sid", "x".repeat(MAX_OUT));
                assertThatThrownBy(() -> c.sendPacket(null, big)).isInstanceOf(UnsendableStanzaException.class)
                        .hasMessageStartingWith("iq set jingle (urn:xmpp:jingle:1) is ");
                IQ small = new IQ(IQ.Type.get, "small");
                small.setTo("romeo@localhost/orchard");
                c.sendPacket(null, small);
                assertThat(peer.readUntil("id=\"small\"")).doesNotContain("id=\"big\"");
                assertThat(c.isConnected()).isTrue();
            }
        }
    }

    @Test
    void answerTooLargeToSend_isReplacedByABareError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                // service-unavailable echoes the request's child, which is larger than MAX_OUT
                peer.send("<iq type='get' id='echo' from='alice@localhost/x' to='gw.localhost'>"
                        + "<query xmlns='urn:example:unknown'>" + "x".repeat(MAX_OUT) + "</query></iq>");
                String received = peer.readUntil("</iq>");
                assertThat(received).contains("id=\"echo\"").contains("type=\"error\"")
                        .contains("internal-server-error").doesNotContain("xxxx");
            }
        }
    }

    @Test
    void concurrentSends_neverInterleave() throws Exception {
        int threads = 8;
        int perThread = 200;
        try (ScriptedServer server = new ScriptedServer(); XmppConnector c = connector(server.port(), 0)) {
            c.start();
            try (ScriptedServer.Peer peer = server.accept()) {
                peer.handshake();
                expect("connected");
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Thread s = new Thread(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < perThread; i++) {
                                IQ iq = new IQ(IQ.Type.get, "t" + thread + "-" + i);
                                iq.setTo("alice@localhost/x");
                                iq.setChildElement("query", "urn:example:" + "x".repeat(200));
                                c.sendPacket(null, iq);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    senders.add(s);
                    s.start();
                }
                start.countDown();
                // the peer already consumed the connector's stream header and handshake: read on behind a header
                XmppStreamReader reader = new XmppStreamReader(new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(("<stream:stream xmlns='jabber:component:accept'"
                                + " xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(
                                        java.nio.charset.StandardCharsets.UTF_8)),
                        peer.socket.getInputStream()), 1 << 20, 64);
                reader.readHeader();
                Set<String> ids = new HashSet<>();
                while (ids.size() < threads * perThread) {
                    Optional<Element> next = reader.nextElement();
                    assertThat(next).isPresent();
                    if (next.get().getName().equals("iq")) {
                        assertThat(ids.add(next.get().attributeValue("id"))).isTrue();
                    }
                }
                for (Thread s : senders) {
                    s.join(10_000);
                }
                assertThat(ids).hasSize(threads * perThread);
            }
        }
    }


    @Test
    void toXml_writesWhatTindersToXmlWrites() {
        org.xmpp.packet.IQ iq = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.set, "a&b<c>\"'");
        iq.setTo("peer@localhost/r");
        iq.setFrom("alice@gw.localhost/web");
        org.dom4j.Element jingle = iq.setChildElement("jingle", "urn:xmpp:jingle:1");
        jingle.addAttribute("sid", "s'1\"");
        jingle.addElement("reason").addElement("text").setText("é ü <&> \u00a0 " + "x".repeat(5000));
        jingle.addElement("description", "urn:xmpp:jingle:apps:rtp:1").addAttribute("media", "audio");
        assertThat(XmppConnector.toXml(iq)).isEqualTo(iq.toXML());
    }
}
