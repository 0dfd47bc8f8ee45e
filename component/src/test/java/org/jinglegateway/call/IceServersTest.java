package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jinglegateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

final class IceServersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    private final IceServers ice = new IceServers(new GatewayConfig.Ice(List.of("stun:turn.example.org"),
            List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org"), "s3cret", 86400), CLOCK);

    @Test
    void turnCredential_isCoturnsSharedSecretScheme() {
        // expected value: echo -n "1700086400:alice" | openssl dgst -sha1 -hmac s3cret -binary | base64
        IceServers.Credential c = ice.credential("alice");

        assertThat(c.username()).isEqualTo("1700086400:alice");
        assertThat(c.password()).isEqualTo("HJX0XIkrCiQCuU88Z0oeXj+QW60=");
        assertThat(c.expires()).isEqualTo(Instant.ofEpochSecond(1_700_086_400L));
    }

    @Test
    void forBrowser_isRtcConfigurationIceServers() {
        assertThat(ice.forBrowser("alice").toString()).isEqualTo("[{\"urls\":[\"stun:turn.example.org\"]},"
                + "{\"urls\":[\"turn:turn.example.org:3478?transport=udp\",\"turns:turn.example.org\"],"
                + "\"username\":\"1700086400:alice\",\"credential\":\"HJX0XIkrCiQCuU88Z0oeXj+QW60=\"}]");
    }

    @Test
    void services_fillDefaultPortsAndTransports() {
        assertThat(ice.services()).containsExactly(
                new org.jinglegateway.config.IceUrl("stun", "turn.example.org", 3478, "udp"),
                new org.jinglegateway.config.IceUrl("turn", "turn.example.org", 3478, "udp"),
                new org.jinglegateway.config.IceUrl("turns", "turn.example.org", 5349, "tcp"));
    }
}
