package org.jinglegateway.limits;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * A token bucket per key (a device, a socket, a peer's bare JID): up to {@code burst} events at once, refilled
 * at {@code perSecond}. Keys are forgotten after a quiet spell and the table is bounded, so keys an abuser makes up
 * (federated JIDs, addresses) cannot grow the heap; a forgotten key starts again with a full bucket.
 *
 * @param <K> what is limited
 */
public final class RateLimit<K> {
    private final double burst;
    private final double perNano;
    private final Ticker ticker;
    private final Cache<K, Bucket> buckets;

    /**
     * @param burst     events allowed at once (at least 1)
     * @param perSecond events per second in the long run (more than 0)
     * @param ticker    the clock (tests pass a fake one)
     * @param maxKeys   keys remembered at most
     */
    public RateLimit(int burst, double perSecond, Ticker ticker, long maxKeys) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and a rate > 0, got " + burst + " and "
                    + perSecond);
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.ticker = ticker;
        // a bucket is full again after burst / rate: forgetting it then changes nothing
        long refillNanos = (long) Math.ceil(burst / perNano);
        this.buckets = CacheBuilder.newBuilder().ticker(ticker).maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, 1_000_000_000L))).build();
    }

    /** A limit of {@code perMinute} events a minute, all of which may come at once. */
    public static <K> RateLimit<K> perMinute(int perMinute, Ticker ticker, long maxKeys) {
        return new RateLimit<>(perMinute, perMinute / 60.0, ticker, maxKeys);
    }

    /** Takes one token for {@code key}; false when its bucket is empty (the event is over the limit). */
    public boolean tryAcquire(K key) {
        Bucket bucket;
        try {
            bucket = buckets.get(key, () -> new Bucket(burst, ticker.read()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return bucket.take(ticker.read(), burst, perNano);
    }

    /** Keys remembered now (for tests and metrics). */
    public long size() {
        buckets.cleanUp();
        return buckets.size();
    }

    /** Forgets a key (its socket closed). */
    public void forget(K key) {
        buckets.invalidate(key);
    }

    /** One key's tokens; synchronised because a socket's frames and a peer's stanzas arrive on several threads. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double burst, double perNano) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
