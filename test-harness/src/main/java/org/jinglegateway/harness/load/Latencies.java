package org.jinglegateway.harness.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples per message kind, in nanoseconds; summaries in milliseconds. Thread-safe. */
final class Latencies {
    /**
     * One kind's figures.
     *
     * @param count samples
     * @param p50   median, ms
     * @param p99   99th percentile, ms
     * @param max   largest, ms
     */
    record Summary(int count, double p50, double p99, double max) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN);
    }

    private final Map<String, long[]> samples = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    synchronized void record(String kind, long nanos) {
        long[] s = samples.computeIfAbsent(kind, k -> new long[256]);
        int n = counts.getOrDefault(kind, 0);
        if (n == s.length) {
            s = Arrays.copyOf(s, n * 2);
            samples.put(kind, s);
        }
        s[n] = nanos;
        counts.put(kind, n + 1);
    }

    synchronized Map<String, Summary> summaries() {
        Map<String, Summary> out = new LinkedHashMap<>();
        samples.forEach((kind, s) -> out.put(kind, summary(Arrays.copyOf(s, counts.get(kind)))));
        return out;
    }

    synchronized Summary summary(String kind) {
        long[] s = samples.get(kind);
        return s == null ? Summary.NONE : summary(Arrays.copyOf(s, counts.get(kind)));
    }

    private static Summary summary(long[] s) {
        if (s.length == 0) {
            return Summary.NONE;
        }
        Arrays.sort(s);
        return new Summary(s.length, ms(s[(int) Math.ceil(0.50 * s.length) - 1]),
                ms(s[(int) Math.ceil(0.99 * s.length) - 1]), ms(s[s.length - 1]));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
