package org.jinglegateway.xmpp;

import java.util.List;
import org.dom4j.Element;
import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * The gateway as XMPP clients see it on its domain: XEP-0030 disco (identity gateway/webrtc and the Jingle
 * features), XEP-0199 ping (from Tinder's AbstractComponent), XEP-0092 version, and a
 * {@code service-unavailable} error for every namespace it does not serve (RFC 6120 §8.4).
 */
public final class GatewayComponent extends AbstractComponent {
    /** XEP-0092 */
    public static final String NAMESPACE_VERSION = "jabber:iq:version";

    /** What disco#info lists: the Jingle stack the gateway translates, and the protocols it answers. */
    public static final List<String> FEATURES = List.of(
            "http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items",
            "urn:xmpp:ping",
            NAMESPACE_VERSION,
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

    public GatewayComponent(String version) {
        // a small pool; per-call ordering is the call layer's job (STYLE.md §8)
        super(4, 1000, true);
        this.version = version;
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
        return result;
    }

    @Override
    protected IQ handleIQGet(IQ iq) {
        Element child = iq.getChildElement();
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
        return serviceUnavailable(iq);
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
