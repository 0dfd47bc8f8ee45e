package org.jinglegateway.xmpp;

import java.time.format.DateTimeFormatter;
import org.dom4j.Element;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.config.IceUrl;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0215 (External Service Discovery) on the component domain: the same STUN/TURN servers the browsers get, TURN
 * with a time-limited login for the asking user (XEP-0215 §3.1, {@code restricted='1'}). Only users of the server
 * the gateway is a component of are answered: TURN logins for any federated JID would make the relay open.
 */
final class ExternalServices {
    private ExternalServices() {
    }

    static IQ answer(IQ request, IceServers ice, String componentDomain) {
        if (!isLocal(request.getFrom(), componentDomain)) {
            IQ error = IQ.createResultIQ(request);
            error.setChildElement(request.getChildElement().createCopy());
            error.setError(new PacketError(PacketError.Condition.forbidden, PacketError.Type.auth,
                    "external services are for users of the server " + componentDomain + " belongs to"));
            return error;
        }
        IQ result = IQ.createResultIQ(request);
        Element services = result.setChildElement("services", GatewayComponent.NAMESPACE_EXTDISCO);
        String type = request.getChildElement().attributeValue("type");
        IceServers.Credential login = null;
        for (IceUrl s : ice.services()) {
            String kind = s.type().startsWith("turn") ? "turn" : "stun";
            if (type != null && !type.equals(s.type()) && !type.equals(kind)) {
                continue;
            }
            Element e = services.addElement("service").addAttribute("type", s.type())
                    .addAttribute("host", s.host()).addAttribute("port", String.valueOf(s.port()))
                    .addAttribute("transport", s.transport());
            if ("turn".equals(kind)) {
                if (login == null) {
                    login = ice.credential(request.getFrom().toBareJID());
                }
                e.addAttribute("username", login.username()).addAttribute("password", login.password())
                        .addAttribute("expires", DateTimeFormatter.ISO_INSTANT.format(login.expires()))
                        .addAttribute("restricted", "1");
            }
        }
        return result;
    }

    /**
     * A user of the server the component is attached to: the component's domain is a subdomain of the user's
     * ({@code gw.example.org} serves {@code example.org}), or the user is on the component domain itself.
     */
    private static boolean isLocal(JID from, String componentDomain) {
        return from != null && from.getNode() != null && (componentDomain.equals(from.getDomain())
                || componentDomain.endsWith("." + from.getDomain()));
    }
}
