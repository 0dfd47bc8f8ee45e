package org.jinglegateway.xmpp;

import java.time.format.DateTimeFormatter;
import org.dom4j.Element;
import org.jinglegateway.call.IceServers;
import org.xmpp.packet.IQ;

/**
 * XEP-0215 (External Service Discovery) on the component domain: the same STUN/TURN servers the browsers get, TURN
 * with a time-limited login for the asking user (XEP-0215 §3.1, {@code restricted='1'}).
 */
final class ExternalServices {
    private ExternalServices() {
    }

    static IQ answer(IQ request, IceServers ice) {
        IQ result = IQ.createResultIQ(request);
        Element services = result.setChildElement("services", GatewayComponent.NAMESPACE_EXTDISCO);
        String type = request.getChildElement().attributeValue("type");
        String user = request.getFrom() == null ? "anonymous" : request.getFrom().toBareJID();
        for (IceServers.Service s : ice.services()) {
            String kind = s.type().startsWith("turn") ? "turn" : "stun";
            if (type != null && !type.equals(s.type()) && !type.equals(kind)) {
                continue;
            }
            Element e = services.addElement("service").addAttribute("type", s.type())
                    .addAttribute("host", s.host()).addAttribute("port", String.valueOf(s.port()))
                    .addAttribute("transport", s.transport());
            if ("turn".equals(kind)) {
                IceServers.Credential c = ice.credential(user);
                e.addAttribute("username", c.username()).addAttribute("password", c.password())
                        .addAttribute("expires", DateTimeFormatter.ISO_INSTANT.format(c.expires()))
                        .addAttribute("restricted", "1");
            }
        }
        return result;
    }
}
