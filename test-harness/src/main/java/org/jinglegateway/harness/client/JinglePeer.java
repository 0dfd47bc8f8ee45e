package org.jinglegateway.harness.client;

import java.time.Duration;
import java.util.function.Predicate;
import org.jinglegateway.harness.XmppServer;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.w3c.dom.Element;

/**
 * An XMPP Jingle client that speaks raw XML, like a scripted Conversations or Dino: it sends Jingle IQs and
 * XEP-0353 messages exactly as the test writes them, answers every incoming Jingle IQ set with a result and keeps
 * what it received (Jingle IQs, Jingle Message Initiation messages, presence) for the test to await.
 *
 * <p>Smack's own Jingle provider is replaced JVM-wide by {@link JingleIq.Provider}, so received Jingle stays
 * the XML that was on the wire.
 */
public final class JinglePeer implements AutoCloseable {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

    static {
        ProviderManager.addIQProvider(JingleIq.ELEMENT, Xml.JINGLE, new JingleIq.Provider());
    }

    private final XmppTestClient client;
    private final XMPPTCPConnection connection;
    private final Inbox<Received> jingle;
    private final Inbox<Received> jmi;
    private final Inbox<Received> presence;
    private final boolean ownsClient;
    private final IQRequestHandler handler;
    private final StanzaListener messageListener;
    private final StanzaListener presenceListener;

    /** A stanza as received: who sent it, its whole XML and the element of interest (jingle, JMI child, presence). */
    public record Received(String from, Element stanza, Element element) {
        /** An attribute of the element of interest ("" when absent). */
        public String attr(String name) {
            return element.getAttribute(name);
        }

        public String name() {
            return element.getLocalName();
        }

        @Override
        public String toString() {
            return "from " + from + ": " + Xml.toString(stanza);
        }
    }

    private JinglePeer(XmppTestClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.connection = client.connection();
        String who = String.valueOf(connection.getUser());
        this.jingle = new Inbox<>(who + " (Jingle IQs)");
        this.jmi = new Inbox<>(who + " (XEP-0353 messages)");
        this.presence = new Inbox<>(who + " (presence)");
        this.handler = new AbstractIqRequestHandler(JingleIq.ELEMENT, Xml.JINGLE, IQ.Type.set,
                IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                JingleIq iq = (JingleIq) request;
                Element stanza = Xml.parse(request.toXML().toString());
                // the result leaves before the test sees the set: a test replying at once must not overtake it
                // (the gateway reads a restart-shaped transport-info sent before our result as glare)
                try {
                    connection.sendStanza(IQ.createResultIQ(request));
                } catch (NotConnectedException | InterruptedException e) {
                    throw new IllegalStateException("could not acknowledge " + stanza, e);
                }
                jingle.add(new Received(String.valueOf(request.getFrom()), stanza, Xml.parse(iq.jingleXml())));
                return null;
            }
        };
        connection.registerIQRequestHandler(handler);
        this.messageListener = stanza -> {
            Element m = Xml.parse(stanza.toXML().toString());
            for (Element child : Xml.elements(m, "jmi:*")) {
                jmi.add(new Received(String.valueOf(stanza.getFrom()), m, child));
            }
        };
        connection.addAsyncStanzaListener(messageListener, StanzaTypeFilter.MESSAGE);
        this.presenceListener = stanza -> {
            Element p = Xml.parse(stanza.toXML().toString());
            presence.add(new Received(String.valueOf(stanza.getFrom()), p, p));
        };
        connection.addAsyncStanzaListener(presenceListener, StanzaTypeFilter.PRESENCE);
    }

    /** Starts listening on a logged-in client, which stays the caller's to close (after the peer). */
    public static JinglePeer on(XmppTestClient client) {
        return new JinglePeer(client, false);
    }

    /** Logs in to the test server (Prosody or ejabberd) as this user; closing the peer disconnects it. */
    public static JinglePeer login(XmppServer server, String user, String password) throws Exception {
        return new JinglePeer(XmppTestClient.login(server, user, password), true);
    }

    /** This client's full JID. */
    public String jid() {
        return String.valueOf(connection.getUser());
    }

    public XmppTestClient client() {
        return client;
    }

    /**
     * Sends {@code <iq type='set'>} with this {@code <jingle>} element to a JID and returns the response as XML: an
     * IQ result or an IQ error (not thrown), so the test asserts on either.
     */
    public Element sendJingle(String to, String jingleXml) throws Exception {
        JingleIq iq = JingleIq.of(jingleXml);
        iq.setType(IQ.Type.set);
        iq.setTo(jid(to));
        StanzaCollector collector = connection.createStanzaCollectorAndSend(iq);
        try {
            IQ response = collector.nextResult(REPLY_TIMEOUT.toMillis());
            if (response == null) {
                throw new AssertionError("no response within " + REPLY_TIMEOUT.toSeconds() + " s to " + iq.toXML());
            }
            return Xml.parse(response.toXML().toString());
        } finally {
            collector.cancel();
        }
    }

    /** Takes the next incoming Jingle IQ set with this action (already answered with a result). */
    public Received awaitJingle(String action, Duration timeout) {
        return awaitJingle(action, r -> true, timeout);
    }

    /** Takes the next incoming Jingle IQ set with this action and sid. */
    public Received awaitJingle(String action, String sid, Duration timeout) {
        return jingle.await(r -> action.equals(r.attr("action")) && sid.equals(r.attr("sid")), timeout,
                "<jingle action='" + action + "' sid='" + sid + "'>");
    }

    private Received awaitJingle(String action, Predicate<Received> more, Duration timeout) {
        return jingle.await(r -> action.equals(r.attr("action")) && more.test(r), timeout,
                "<jingle action='" + action + "'>");
    }

    /** Sends a message whose only child is this XEP-0353 element (type chat, as Conversations and Dino do). */
    public void sendJmi(String to, String jmiXml) throws NotConnectedException, InterruptedException {
        Message m = connection.getStanzaFactory().buildMessageStanza().to(jid(to)).ofType(Message.Type.chat)
                .addExtension(new RawExtension(jmiXml)).build();
        connection.sendStanza(m);
    }

    /** Takes the next XEP-0353 element with this name (propose, ringing, proceed, reject, retract, finish). */
    public Received awaitJmi(String element, Duration timeout) {
        return jmi.await(r -> element.equals(r.name()), timeout, "a message with <" + element + " xmlns='"
                + Xml.JMI + "'>");
    }

    /** Takes the next XEP-0353 element with this name and id. */
    public Received awaitJmi(String element, String id, Duration timeout) {
        return jmi.await(r -> element.equals(r.name()) && id.equals(r.attr("id")), timeout,
                "a message with <" + element + " xmlns='" + Xml.JMI + "' id='" + id + "'>");
    }

    /** Sends presence of this type ({@code subscribe}, {@code unsubscribe}, ...) to a JID. */
    public void sendPresence(Presence.Type type, String to) throws NotConnectedException, InterruptedException {
        Stanza p = connection.getStanzaFactory().buildPresenceStanza().ofType(type).to(jid(to)).build();
        connection.sendStanza(p);
    }

    /** Takes the next presence that matches. */
    public Received awaitPresence(Predicate<Received> match, Duration timeout, String description) {
        return presence.await(match, timeout, description);
    }

    /** Everything received so far, for failure messages. */
    public Inbox<Received> jingleInbox() {
        return jingle;
    }

    public Inbox<Received> jmiInbox() {
        return jmi;
    }

    public Inbox<Received> presenceInbox() {
        return presence;
    }

    private static Jid jid(String jid) {
        try {
            return JidCreate.from(jid);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("not a JID: " + jid, e);
        }
    }

    /** Stops listening; disconnects the client when {@link #login} made it. */
    @Override
    public void close() {
        connection.unregisterIQRequestHandler(handler);
        connection.removeAsyncStanzaListener(messageListener);
        connection.removeAsyncStanzaListener(presenceListener);
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Jingle peer " + jid();
    }
}
