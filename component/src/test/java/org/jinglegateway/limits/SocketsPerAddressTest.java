package org.jinglegateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SocketsPerAddressTest {
    @Test
    void pastTheMax_furtherSocketsAreRefusedUntilOneCloses() {
        SocketsPerAddress sockets = new SocketsPerAddress(2);
        assertThat(sockets.tryOpen("192.0.2.1")).isTrue();
        assertThat(sockets.tryOpen("192.0.2.1")).isTrue();
        assertThat(sockets.tryOpen("192.0.2.1")).isFalse();
        assertThat(sockets.tryOpen("192.0.2.2")).as("another address has its own count").isTrue();
        sockets.closed("192.0.2.1");
        assertThat(sockets.tryOpen("192.0.2.1")).isTrue();
        assertThat(sockets.open("192.0.2.1")).isEqualTo(2);
    }

    @Test
    void lastSocketClosed_forgetsTheAddress() {
        SocketsPerAddress sockets = new SocketsPerAddress(1);
        sockets.tryOpen("192.0.2.1");
        sockets.closed("192.0.2.1");
        sockets.closed("192.0.2.1");
        assertThat(sockets.open("192.0.2.1")).isZero();
        assertThat(sockets.tryOpen("192.0.2.1")).isTrue();
    }

    @Test
    void zeroMax_isRefusedNamingTheValue() {
        assertThatThrownBy(() -> new SocketsPerAddress(0)).hasMessage("sockets per address must be at least 1, got 0");
    }
}
