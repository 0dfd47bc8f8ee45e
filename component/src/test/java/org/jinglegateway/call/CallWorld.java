package org.jinglegateway.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.jinglegateway.xmpp.UnsendableStanzaException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * A call service with fake devices and a list for stanzas: events in, frames and stanzas out, no sockets. Lanes run
 * over a {@link QueueingExecutor}: queued as in production (a nested onLane runs after the task that asked for it),
 * drained on the calling thread, so every event has been handled when the call returns. Timers run on a
 * {@link ManualTimers} clock that the test moves.
 */
final class CallWorld implements AutoCloseable {
    static final String DOMAIN = "gw.example.org";
    static final Path FIXTURES = Path.of("../jingle-mapper/src/test/resources/fixtures");
    static final ObjectMapper JSON = new ObjectMapper();
    private final BrowserFrameDecoder decoder = new BrowserFrameDecoder(JSON);

    final List<Packet> sent = new CopyOnWriteArrayList<>();
    final DeviceRegistry devices = new DeviceRegistry();
    final ManualTimers timers = new ManualTimers();
    final CallService service;
    /** Stanzas to the gateway's own domain come back in, as GatewayComponent does it. */
    private final boolean loopback;

    CallWorld(Duration ringTimeout, boolean loopback) {
        this.loopback = loopback;
        this.service = new CallService(DOMAIN, devices, this::deliver, timers, new QueueingExecutor(), ringTimeout);
    }

    CallWorld() {
        this(Duration.ofSeconds(60), false);
    }

    /** Stanzas the XMPP side refuses to write, as XmppConnector does one over its size or character checks. */
    volatile Predicate<Packet> unsendable = p -> false;

    private void deliver(Packet p) {
        if (unsendable.test(p)) {
            throw new UnsendableStanzaException(UnsendableStanzaException.Problem.TOO_LARGE, "iq set jingle",
                    "over xmpp.max-outgoing-bytes");
        }
        sent.add(p);
        if (loopback && p.getTo() != null && p.getTo().getDomain().equals(DOMAIN)) {
            if (p instanceof IQ iq) {
                service.onIq(iq);
            } else if (p instanceof Message m) {
                service.onMessage(m);
            }
        }
    }

    FakeDevice device(String user, String resource) {
        FakeDevice d = new FakeDevice(new JID(user, DOMAIN, resource));
        devices.add(d);
        return d;
    }

    /** A frame from a registered device, decoded as SignalingProtocol does it. */
    void frame(Device d, String json) {
        Decoded decoded = decoder.decode(json);
        if (decoded instanceof BrowserFrame.ForCall f) {
            service.onFrame(d, f);
        } else if (decoded instanceof FrameRefusal r && r.precedence() != FrameRefusal.Precedence.FIRST) {
            service.refuse(d, r);
        } else {
            throw new IllegalArgumentException("not a call frame: " + json + " (" + decoded + ")");
        }
    }

    void frame(Device d, ObjectNode node) {
        frame(d, node.toString());
    }

    static String fixture(String path) {
        try {
            return Files.readString(FIXTURES.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture stanza with from, to and the Jingle sid / JMI id replaced. */
    static org.dom4j.Element stanza(String path, JID from, JID to, String sid) {
        try {
            org.dom4j.Element e = DocumentHelper.parseText(fixture(path)).getRootElement();
            e.addAttribute("from", from.toString());
            e.addAttribute("to", to.toString());
            for (org.dom4j.Element child : e.elements()) {
                if (child.attribute("sid") != null) {
                    child.addAttribute("sid", sid);
                }
                if (child.attribute("id") != null) {
                    child.addAttribute("id", sid);
                }
            }
            return e;
        } catch (DocumentException ex) {
            throw new IllegalArgumentException(path, ex);
        }
    }

    IQ iq(String path, JID from, JID to, String sid) {
        IQ iq = new IQ(stanza(path, from, to, sid), true);
        service.onIq(iq);
        return iq;
    }

    void message(String path, JID from, JID to, String id) {
        service.onMessage(new Message(stanza(path, from, to, id), true));
    }

    /** The stanzas sent so far that match, and forgets nothing. */
    List<Packet> sentWhere(Predicate<Packet> p) {
        return sent.stream().filter(p).toList();
    }

    /** The last IQ set sent whose jingle action is {@code action}. */
    IQ lastJingle(String action) {
        List<IQ> all = new ArrayList<>();
        for (Packet p : sent) {
            if (p instanceof IQ iq && iq.getType() == IQ.Type.set && iq.getChildElement() != null
                    && action.equals(iq.getChildElement().attributeValue("action"))) {
                all.add(iq);
            }
        }
        if (all.isEmpty()) {
            throw new AssertionError("no " + action + " sent; sent: " + sent);
        }
        return all.get(all.size() - 1);
    }

    /** The last JMI message of a kind. */
    Message lastJmi(String kind) {
        Message last = null;
        for (Packet p : sent) {
            if (p instanceof Message m && m.getChildElement(kind, "urn:xmpp:jingle-message:0") != null) {
                last = m;
            }
        }
        if (last == null) {
            throw new AssertionError("no " + kind + " sent; sent: " + sent);
        }
        return last;
    }

    /** The reply the gateway sent to a request. */
    IQ replyTo(IQ request) {
        for (Packet p : sent) {
            if (p instanceof IQ iq && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error)
                    && request.getID().equals(iq.getID()) && request.getFrom().equals(iq.getTo())) {
                return iq;
            }
        }
        throw new AssertionError("no reply to " + request.getID() + "; sent: " + sent);
    }

    /** Answers an IQ the gateway sent with a result, as the peer's server would deliver it. */
    void result(IQ sentIq) {
        IQ result = IQ.createResultIQ(sentIq);
        service.onIq(result);
    }

    @Override
    public void close() {
        // nothing runs outside the test's thread: the lanes drain on it and the clock is manual
    }

    /** A browser device that keeps its frames. */
    static final class FakeDevice implements Device {
        private final JID jid;
        final List<ObjectNode> frames = new CopyOnWriteArrayList<>();

        FakeDevice(JID jid) {
            this.jid = jid;
        }

        @Override
        public JID jid() {
            return jid;
        }

        @Override
        public void send(ObjectNode frame) {
            frames.add(frame);
        }

        List<ObjectNode> of(String type) {
            return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
        }

        ObjectNode last(String type) {
            List<ObjectNode> l = of(type);
            if (l.isEmpty()) {
                throw new AssertionError("no " + type + " frame; frames: " + frames);
            }
            return l.get(l.size() - 1);
        }
    }
}
