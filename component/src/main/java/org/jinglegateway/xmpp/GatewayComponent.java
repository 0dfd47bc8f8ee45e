package org.jinglegateway.xmpp;

import java.util.List;
import java.util.function.Predicate;
import org.dom4j.Element;
import org.jinglegateway.admin.AdminCommands;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.XmppSender;
import org.xmpp.component.AbstractComponent;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The gateway as XMPP clients see it on its domain: XEP-0030 disco (identity gateway/webrtc and the Jingle
 * features), XEP-0199 ping (from Tinder's AbstractComponent), XEP-0092 version, and a
 * {@code service-unavailable} error for every namespace it does not serve (RFC 6120 §8.4). Jingle IQs, XEP-0353
 * messages and presence for browser users go to the call layer; disco#info on a browser device answers with its
 * Jingle features. Packets arrive on one thread, in the order the server sent them; each call then has its own lane.
 */
public final class GatewayComponent extends AbstractComponent implements XmppSender {
    /** XEP-0092 */
    public static final String NAMESPACE_VERSION = "jabber:iq:version";
    /** XEP-0215 */
    public static final String NAMESPACE_EXTDISCO = "urn:xmpp:extdisco:2";

    /** What disco#info lists: the Jingle stack the gateway translates, and the protocols it answers. */
    public static final List<String> FEATURES = List.of(
            "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items",
            "urn:xmpp:ping",
            NAMESPACE_VERSION,
            NAMESPACE_EXTDISCO,
            AdminCommands.NAMESPACE,
            "urn:xmpp:jingle:1",
            "urn:xmpp:jingle:apps:rtp:1",
            "urn:xmpp:jingle:apps:rtp:audio",
            "urn:xmpp:jingle:apps:rtp:video",
            "urn:xmpp:jingle:transports:ice-udp:1",
            "urn:xmpp:jingle:apps:dtls:0",
            "urn:xmpp:jingle:apps:rtp:rtcp-fb:0",
            "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0",
            "urn:xmpp:jingle:apps:grouping:0",
            "urn:xmpp:jingle:apps:rtp:ssma:0",
            "urn:xmpp:jingle-message:0");

    private final String version;
    private volatile CallService calls;
    private volatile UserPresence presence;
    private volatile IceServers ice;
    private volatile AdminCommands admin;
    /** The cluster's routing of what arrives (true: taken elsewhere) and of what leaves (true: sent elsewhere). */
    private volatile Predicate<Packet> inbound = p -> false;
    private volatile Predicate<Packet> outbound = p -> false;

    public GatewayComponent(String version) {
        // one thread keeps the server's order (a transport-info never overtakes its session-initiate); the call
        // layer answers Jingle IQs itself, later, from the call's lane, hence no enforced IQ result here
        super(1, 10_000, false);
        this.version = version;
    }

    /** Connects the call layer; until then only disco, ping and version are answered. */
    public void attach(CallService callService, UserPresence userPresence, IceServers iceServers,
                       AdminCommands adminCommands) {
        this.calls = callService;
        this.presence = userPresence;
        this.ice = iceServers;
        this.admin = adminCommands;
    }

    /**
     * Sends a stanza for the call layer (and Tinder's own answers). One addressed to the gateway's own domain (a call
     * between two browser users) is handed straight back in, in order, without a trip through the server.
     *
     * <p>An IQ result or error the server would refuse (too large, or a character XML 1.0 forbids; usually an
     * answer that echoes a large request) is replaced by a bare {@code internal-server-error}, so the request still
     * gets exactly one answer (RFC 6120 §8.2.3).
     *
     * @throws UnsendableStanzaException any other stanza the server would refuse: it was not sent, and the caller
     *                                   fails what needed it (the link and every other call are untouched)
     */
    @Override
    public void send(Packet packet) {
        JID to = packet.getTo();
        if (to != null && to.getDomain().equals(getDomain())) {
            if (!inbound.test(packet)) {
                processPacket(packet);
            }
            return;
        }
        if (outbound.test(packet)) {
            return;
        }
        sendOnLink(packet);
    }

    /**
     * Routing for several instances (docs/operations.md, "Several instances"): {@code in} may take a stanza for a
     * browser user before this instance handles it, {@code out} may send a stanza over another instance's link.
     */
    public void setRouting(Predicate<Packet> in, Predicate<Packet> out) {
        this.inbound = in;
        this.outbound = out;
    }

    /** Handles a stanza another instance passed on, as if this instance's link had carried it. */
    public void deliver(Packet packet) {
        processPacket(packet);
    }

    /** Writes a stanza on this instance's own link (for another instance that has none). */
    public void sendOnLink(Packet packet) {
        JID to = packet.getTo();
        try {
            compMan.sendPacket(this, packet);
        } catch (ComponentException e) {
            log.warn("xmpp.send dropped to={}: {}", to, e.getMessage());
        } catch (UnsendableStanzaException e) {
            if (!(packet instanceof IQ iq) || iq.getType() != IQ.Type.result && iq.getType() != IQ.Type.error) {
                throw e;
            }
            log.warn("xmpp.answer-unsendable to={} id={} problem={}; sending internal-server-error instead", to,
                    iq.getID(), e.getMessage());
            IQ bare = new IQ(IQ.Type.error, iq.getID());
            bare.setTo(iq.getTo());
            bare.setFrom(iq.getFrom());
            bare.setError(new PacketError(PacketError.Condition.internal_server_error, PacketError.Type.cancel,
                    "the answer could not be sent: " + e.problem().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-')));
            try {
                compMan.sendPacket(this, bare);
            } catch (ComponentException ce) {
                log.warn("xmpp.send dropped to={}: {}", to, ce.getMessage());
            }
        }
    }

    @Override
    public String getName() {
        return "jingle-gateway";
    }

    @Override
    public String getDescription() {
        return "Jingle <-> WebRTC gateway";
    }

    @Override
    protected String discoInfoIdentityCategory() {
        return "gateway";
    }

    @Override
    protected String discoInfoIdentityCategoryType() {
        return "webrtc";
    }

    @Override
    protected String[] discoInfoFeatureNamespaces() {
        // AbstractComponent adds disco#info and ping itself; list the rest
        return FEATURES.stream()
                .filter(f -> !f.equals(NAMESPACE_DISCO_INFO) && !f.equals(NAMESPACE_XMPP_PING))
                .toArray(String[]::new);
    }

    @Override
    protected IQ handleDiscoItems(IQ iq) {
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", NAMESPACE_DISCO_ITEMS);
        String node = iq.getChildElement().attributeValue("node");
        if (node != null) {
            query.addAttribute("node", node);
        }
        AdminCommands a = admin;
        if (a != null && AdminCommands.NAMESPACE.equals(node)) {
            a.listInto(query, iq.getFrom(), getDomain());
        }
        return result;
    }

    @Override
    protected IQ handleIQGet(IQ iq) {
        Element child = iq.getChildElement();
        IceServers servers = ice;
        if (child != null && NAMESPACE_EXTDISCO.equals(child.getNamespaceURI()) && servers != null
                && iq.getTo() != null && iq.getTo().getNode() == null) {
            return ExternalServices.answer(iq, servers, getDomain());
        }
        if (child != null && NAMESPACE_VERSION.equals(child.getNamespaceURI())) {
            IQ result = IQ.createResultIQ(iq);
            Element query = result.setChildElement("query", NAMESPACE_VERSION);
            query.addElement("name").setText(getName());
            query.addElement("version").setText(version);
            return result;
        }
        return serviceUnavailable(iq);
    }

    @Override
    protected IQ handleIQSet(IQ iq) {
        CallService c = calls;
        if (c != null && c.onIq(iq)) {
            return null;
        }
        AdminCommands a = admin;
        Element child = iq.getChildElement();
        if (a != null && child != null && AdminCommands.NAMESPACE.equals(child.getNamespaceURI())
                && "command".equals(child.getName()) && iq.getTo() != null && iq.getTo().getNode() == null) {
            return a.handle(iq);
        }
        return serviceUnavailable(iq);
    }

    @Override
    protected void handleIQResult(IQ iq) {
        CallService c = calls;
        if (c != null) {
            c.onIq(iq);
        }
    }

    @Override
    protected void handleIQError(IQ iq) {
        // an error answers one of our requests just as a result does
        handleIQResult(iq);
    }

    @Override
    protected void handleMessage(Message message) {
        CallService c = calls;
        if (c != null) {
            c.onMessage(message);
        }
    }

    @Override
    protected void handlePresence(Presence p) {
        UserPresence up = presence;
        if (up != null) {
            up.onPresence(p);
        }
    }

    /** disco#info: the gateway itself on its domain; a browser device's Jingle features on its full JID. */
    @Override
    protected IQ handleDiscoInfo(IQ iq) {
        JID to = iq.getTo();
        if (to == null || to.getNode() == null) {
            return super.handleDiscoInfo(iq);
        }
        CallService c = calls;
        if (to.getResource() == null || c == null || c.devices().find(to).isEmpty()) {
            IQ error = IQ.createResultIQ(iq);
            error.setChildElement(iq.getChildElement().createCopy());
            error.setError(new PacketError(PacketError.Condition.item_not_found, PacketError.Type.cancel,
                    to + " is not an online browser device"));
            return error;
        }
        IQ result = IQ.createResultIQ(iq);
        Element query = result.setChildElement("query", NAMESPACE_DISCO_INFO);
        String node = iq.getChildElement().attributeValue("node");
        if (node != null) {
            query.addAttribute("node", node);
        }
        query.addElement("identity").addAttribute("category", UserPresence.IDENTITY_CATEGORY)
                .addAttribute("type", UserPresence.IDENTITY_TYPE).addAttribute("name", UserPresence.IDENTITY_NAME);
        for (String f : UserPresence.DEVICE_FEATURES) {
            query.addElement("feature").addAttribute("var", f);
        }
        return result;
    }

    private static IQ serviceUnavailable(IQ iq) {
        IQ error = IQ.createResultIQ(iq);
        if (iq.getChildElement() != null) {
            error.setChildElement(iq.getChildElement().createCopy());
        }
        error.setError(PacketError.Condition.service_unavailable);
        return error;
    }
}
