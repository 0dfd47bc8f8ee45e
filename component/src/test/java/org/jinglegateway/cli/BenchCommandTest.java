package org.jinglegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The measuring run's batch: about a millisecond of conversions between two clock reads, 16 at least. */
final class BenchCommandTest {
    @Test
    void batch_isAMillisecondAtTheWarmUpsRate_atLeastSixteen() {
        assertThat(BenchCommand.batchFor(1_500_000)).isEqualTo(1_500);
        assertThat(BenchCommand.batchFor(250_000)).isEqualTo(250);
        assertThat(BenchCommand.batchFor(4_000)).isEqualTo(16);
        assertThat(BenchCommand.batchFor(0)).isEqualTo(16);
        assertThat(BenchCommand.batchFor(1e12)).isEqualTo(1_000_000);
    }
}
