package org.jinglegateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class OriginPolicyTest {
    @Test
    void defaultOnLoopback_allowsTheGatewaysOwnOriginUnderEachLoopbackName() {
        OriginPolicy p = OriginPolicy.of(List.of(), "127.0.0.1", 8080);

        assertThat(p.allows(Optional.of("http://127.0.0.1:8080"))).isTrue();
        assertThat(p.allows(Optional.of("http://localhost:8080"))).isTrue();
        assertThat(p.allows(Optional.of("https://[::1]:8080"))).isTrue();
        assertThat(p.allows(Optional.of("http://127.0.0.1:8081"))).isFalse();
        assertThat(p.allows(Optional.of("https://evil.example"))).isFalse();
        assertThat(p.allows(Optional.of("null"))).isFalse();
    }

    @Test
    void defaultOnANamedHost_allowsOnlyThatHostAndPort() {
        OriginPolicy p = OriginPolicy.of(List.of(), "gw.example.org", 443);

        assertThat(p.allows(Optional.of("https://GW.example.org"))).isTrue();
        assertThat(p.allows(Optional.of("https://gw.example.org:443"))).isTrue();
        assertThat(p.allows(Optional.of("http://gw.example.org:443"))).isTrue();
        assertThat(p.allows(Optional.of("http://localhost:443"))).isFalse();
        assertThat(p.origins()).containsExactly("http://gw.example.org:443", "https://gw.example.org");
    }

    @Test
    void listedOrigins_replaceTheDefault() {
        OriginPolicy p = OriginPolicy.of(List.of("https://app.example.org", "http://dev.example.org:8080/"),
                "127.0.0.1", 8080);

        assertThat(p.allows(Optional.of("https://app.example.org"))).isTrue();
        assertThat(p.allows(Optional.of("http://dev.example.org:8080"))).isTrue();
        assertThat(p.allows(Optional.of("http://127.0.0.1:8080"))).isFalse();
        assertThat(p.toJson()).isEqualTo("{\"any\":false,\"origins\":[\"https://app.example.org\","
                + "\"http://dev.example.org:8080\"]}");
    }

    @Test
    void star_allowsEveryOrigin() {
        OriginPolicy p = OriginPolicy.of(List.of("*"), "127.0.0.1", 8080);

        assertThat(p.allows(Optional.of("https://anything.example"))).isTrue();
        assertThat(p.toJson()).isEqualTo("{\"any\":true,\"origins\":[]}");
    }

    @Test
    void noOriginHeader_isNotABrowserPageAndIsAllowed() {
        assertThat(OriginPolicy.of(List.of("https://app.example.org"), "127.0.0.1", 8080).allows(Optional.empty()))
                .isTrue();
    }

    @Test
    void entryThatIsNoOrigin_isRefusedWithTheForm() {
        assertThatThrownBy(() -> OriginPolicy.of(List.of("ftp://x"), "127.0.0.1", 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an origin such as https://app.example.org or http://host:8080 (scheme, host,"
                        + " optional port, no path) or *, found \"ftp://x\"");
    }
}
