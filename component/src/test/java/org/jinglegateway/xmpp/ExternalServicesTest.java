package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dom4j.Element;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

final class ExternalServicesTest {
    private final IceServers ice = new IceServers(new GatewayConfig.Ice(List.of("stun:turn.example.org"),
            List.of("turn:turn.example.org:3478?transport=udp"), "s3cret", 86400),
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

    @Test
    void servicesQuery_listsStunAndTurnWithATimeLimitedLogin() {
        IQ request = new IQ(IQ.Type.get, "x1");
        request.setFrom(new JID("alice@example.org/phone"));
        request.setTo(new JID("gw.example.org"));
        request.setChildElement("services", GatewayComponent.NAMESPACE_EXTDISCO);

        IQ result = ExternalServices.answer(request, ice, "gw.example.org");

        List<Element> services = result.getChildElement().elements("service");
        assertThat(services).hasSize(2);
        assertThat(services.get(0).attributeValue("type")).isEqualTo("stun");
        assertThat(services.get(0).attributeValue("port")).isEqualTo("3478");
        Element turn = services.get(1);
        assertThat(turn.attributeValue("host")).isEqualTo("turn.example.org");
        assertThat(turn.attributeValue("transport")).isEqualTo("udp");
        assertThat(turn.attributeValue("username")).isEqualTo("1700086400:alice@example.org");
        assertThat(turn.attributeValue("expires")).isEqualTo("2023-11-15T22:13:20Z");
        assertThat(turn.attributeValue("restricted")).isEqualTo("1");
    }

    @Test
    void servicesQueryForOneType_listsOnlyThatType() {
        IQ request = new IQ(IQ.Type.get, "x2");
        request.setFrom(new JID("alice@example.org/phone"));
        request.setChildElement("services", GatewayComponent.NAMESPACE_EXTDISCO).addAttribute("type", "stun");

        assertThat(ExternalServices.answer(request, ice, "gw.example.org").getChildElement().elements("service"))
                .singleElement().extracting(e -> e.attributeValue("type")).isEqualTo("stun");
    }

    @Test
    void servicesQueryFromAnotherServersUser_isForbiddenWithoutALogin() {
        IQ request = new IQ(IQ.Type.get, "x3");
        request.setFrom(new JID("mallory@elsewhere.net/x"));
        request.setChildElement("services", GatewayComponent.NAMESPACE_EXTDISCO);

        IQ result = ExternalServices.answer(request, ice, "gw.example.org");

        assertThat(result.getType()).isEqualTo(IQ.Type.error);
        assertThat(result.getError().getCondition()).isEqualTo(org.xmpp.packet.PacketError.Condition.forbidden);
        assertThat(result.getError().getText())
                .isEqualTo("external services are for users of the server gw.example.org belongs to");
        assertThat(result.toXML()).doesNotContain("username");
    }
}
