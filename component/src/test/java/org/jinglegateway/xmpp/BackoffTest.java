package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BackoffTest {
    @Test
    void delays_doubleUpToTheCap() {
        Backoff b = new Backoff(500, 30_000, () -> 1.0);
        assertThat(new long[] {b.nextDelayMillis(), b.nextDelayMillis(), b.nextDelayMillis(), b.nextDelayMillis()})
                .containsExactly(500, 1000, 2000, 4000);
        for (int i = 0; i < 40; i++) {
            assertThat(b.nextDelayMillis()).isLessThanOrEqualTo(30_000);
        }
        assertThat(b.nextDelayMillis()).isEqualTo(30_000);
    }

    @Test
    void jitter_staysInTheUpperHalf() {
        Backoff low = new Backoff(1000, 60_000, () -> 0.0);
        low.nextDelayMillis();
        assertThat(low.nextDelayMillis()).isEqualTo(1000);
    }

    @Test
    void reset_startsAgainFromTheMinimum() {
        Backoff b = new Backoff(500, 30_000, () -> 1.0);
        b.nextDelayMillis();
        b.nextDelayMillis();
        b.reset();
        assertThat(b.nextDelayMillis()).isEqualTo(500);
    }
}
