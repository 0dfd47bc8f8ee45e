package org.jinglegateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return now.get();
        }
    };

    private long allowed(RateLimit<String> limit, String key, int tries) {
        return IntStream.range(0, tries).filter(i -> limit.tryAcquire(key)).count();
    }

    @Test
    void burstAtOnce_allowsExactlyTheBurst() {
        RateLimit<String> limit = new RateLimit<>(10, 1, ticker, 100);
        assertThat(allowed(limit, "a", 500)).isEqualTo(10);
    }

    @Test
    void emptyBucket_refillsAtTheRate() {
        RateLimit<String> limit = new RateLimit<>(10, 2, ticker, 100);
        allowed(limit, "a", 10);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_500));
        assertThat(allowed(limit, "a", 10)).isEqualTo(3);
    }

    @Test
    void refill_neverPassesTheBurst() {
        RateLimit<String> limit = new RateLimit<>(5, 100, ticker, 100);
        allowed(limit, "a", 5);
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertThat(allowed(limit, "a", 50)).isEqualTo(5);
    }

    @Test
    void keys_haveTheirOwnBuckets() {
        RateLimit<String> limit = new RateLimit<>(3, 1, ticker, 100);
        assertThat(allowed(limit, "a", 10)).isEqualTo(3);
        assertThat(allowed(limit, "b", 10)).isEqualTo(3);
    }

    @Test
    void perMinute_allowsThatManyAtOnceThenOneEveryShare() {
        RateLimit<String> limit = RateLimit.perMinute(30, ticker, 100);
        assertThat(allowed(limit, "a", 100)).isEqualTo(30);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(allowed(limit, "a", 100)).isEqualTo(1);
    }

    @Test
    void manyMadeUpKeys_stayWithinMaxKeys() {
        RateLimit<String> limit = new RateLimit<>(1, 1, ticker, 50);
        IntStream.range(0, 10_000).forEach(i -> limit.tryAcquire("k" + i));
        assertThat(limit.size()).isLessThanOrEqualTo(50);
    }

    @Test
    void forget_startsTheKeyWithAFullBucket() {
        RateLimit<String> limit = new RateLimit<>(2, 0.001, ticker, 100);
        allowed(limit, "a", 5);
        limit.forget("a");
        assertThat(allowed(limit, "a", 5)).isEqualTo(2);
    }

    @Test
    void zeroBurst_isRefusedWithBothValues() {
        assertThatThrownBy(() -> new RateLimit<String>(0, 1, ticker, 10))
                .hasMessage("a rate limit needs burst >= 1 and a rate > 0, got 0 and 1.0");
    }
}
