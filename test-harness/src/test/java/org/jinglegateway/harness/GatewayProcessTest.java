package org.jinglegateway.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.jinglegateway.harness.GatewayProcess.Ready;
import org.junit.jupiter.api.Test;

/** The READY line of README.md, parsed once for every IT. */
final class GatewayProcessTest {
    @Test
    void readyLine_givesDomainWebSocketAndHttpRoot() {
        Ready ready = Ready.parse("READY domain=gw.localhost ws=ws://127.0.0.1:40123/ws");
        assertThat(ready).isEqualTo(new Ready("gw.localhost", URI.create("ws://127.0.0.1:40123/ws")));
        assertThat(ready.http()).isEqualTo(URI.create("http://127.0.0.1:40123/"));
    }

    @Test
    void tlsReadyLine_givesHttpsRoot() {
        assertThat(Ready.parse("READY domain=gw.example.org ws=wss://gw.example.org:8443/ws").http())
                .isEqualTo(URI.create("https://gw.example.org:8443/"));
    }

    @Test
    void otherLine_failsNamingTheExpectedForm() {
        assertThatThrownBy(() -> Ready.parse("READY ws=ws://127.0.0.1:1/ws")).isInstanceOf(AssertionError.class)
                .hasMessage("not a READY line (expected \"READY domain=<domain> ws=<ws url>\"):"
                        + " \"READY ws=ws://127.0.0.1:1/ws\"");
    }
}
