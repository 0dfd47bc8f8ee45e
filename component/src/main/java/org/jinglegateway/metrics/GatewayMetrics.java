package org.jinglegateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.jinglegateway.call.CallListener;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.CallState;
import org.jinglegateway.call.DeviceListener;
import org.jinglegateway.call.DeviceSessions;

/**
 * Every figure the gateway exports at {@code /metrics}, in one place (docs/operations.md explains each). Names
 * follow Prometheus conventions under the {@code jinglegateway_} prefix; JVM metrics come from Micrometer's binders.
 */
public final class GatewayMetrics implements CallListener, DeviceListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter stanzasIn = Counter.builder("jinglegateway.stanzas.in")
            .description("stanzas received from the XMPP server").register(registry);
    private final Counter stanzasOut = Counter.builder("jinglegateway.stanzas.out")
            .description("stanzas sent to the XMPP server").register(registry);
    private final Counter framesIn = Counter.builder("jinglegateway.frames.in")
            .description("WebSocket frames received from browsers").register(registry);
    private final Counter framesOut = Counter.builder("jinglegateway.frames.out")
            .description("WebSocket frames sent to browsers").register(registry);
    private final Counter reconnects = Counter.builder("jinglegateway.xmpp.reconnects")
            .description("times the XEP-0114 connection dropped and was retried").register(registry);
    private final Timer setup = Timer.builder("jinglegateway.call.setup")
            .description("from call start (propose, call frame or session-initiate) to active")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Gauges read from the call layer at scrape time: calls by state, calls in memory, registered devices. */
    public void watch(CallService calls) {
        for (CallState state : CallState.values()) {
            if (state != CallState.ENDED) {
                Gauge.builder("jinglegateway.calls", calls, c -> c.count(state))
                        .description("calls in memory by state").tag("state", state.name().toLowerCase(
                                java.util.Locale.ROOT)).register(registry);
            }
        }
        Gauge.builder("jinglegateway.sessions", calls, CallService::size)
                .description("call sessions held in memory").register(registry);
        Gauge.builder("jinglegateway.devices", calls, c -> c.devices().size())
                .description("registered browser devices").register(registry);
    }

    /** A cluster's figures (docs/operations.md, "Several instances"): its members, and the calls of all of them. */
    public void watchCluster(java.util.function.IntSupplier members, java.util.function.IntSupplier calls,
                             java.util.function.LongSupplier snapshotBytes) {
        // the suppliers are method references made for this call: only the gauges hold them, and a gauge's reference
        // is weak unless told otherwise (after the first GC they read NaN)
        Gauge.builder("jinglegateway.cluster.snapshot.bytes", snapshotBytes, b -> b.getAsLong()).strongReference(true)
                .description("bytes the call snapshots this member owns take in the cluster's map (backups apart)")
                .register(registry);
        Gauge.builder("jinglegateway.cluster.members", members, m -> m.getAsInt()).strongReference(true)
                .description("gateway instances in this instance's cluster, itself included").register(registry);
        Gauge.builder("jinglegateway.cluster.calls", calls, c -> c.getAsInt()).strongReference(true)
                .description("calls held by every instance of the cluster").register(registry);
    }

    /** Devices away now (their socket dropped), held for a resume. */
    public void watch(DeviceSessions devices) {
        Gauge.builder("jinglegateway.devices.away", devices, DeviceSessions::away)
                .description("browser devices whose socket dropped, held for a resume").register(registry);
    }

    @Override
    public void resumed() {
        registry.counter("jinglegateway.devices.resumes", "result", "done").increment();
    }

    @Override
    public void resumeFailed() {
        registry.counter("jinglegateway.devices.resumes", "result", "failed").increment();
    }

    @Override
    public void lostWhileAway(String why) {
        registry.counter("jinglegateway.devices.lost", "why", why).increment();
    }

    @Override
    public void started(boolean outgoing) {
        registry.counter("jinglegateway.calls.started", "direction", outgoing ? "from-browser" : "from-xmpp")
                .increment();
    }

    @Override
    public void active(Duration setupTime) {
        setup.record(setupTime);
    }

    @Override
    public void ended(String reason) {
        registry.counter("jinglegateway.calls.ended", "reason", reason).increment();
    }

    @Override
    public void mappingError(String kind) {
        registry.counter("jinglegateway.mapping.errors", "kind", kind).increment();
    }

    public void stanzaIn() {
        stanzasIn.increment();
    }

    public void stanzaOut() {
        stanzasOut.increment();
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut() {
        framesOut.increment();
    }

    public void reconnect() {
        reconnects.increment();
    }

    /** The counters as an admin reads them (XEP-0050 statistics): name -> value. */
    public java.util.Map<String, String> summary() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (io.micrometer.core.instrument.Counter c : registry.find("jinglegateway.calls.started").counters()) {
            out.put("calls started " + c.getId().getTag("direction"), whole(c.count()));
        }
        for (io.micrometer.core.instrument.Counter c : registry.find("jinglegateway.calls.ended").counters()) {
            out.put("calls ended " + c.getId().getTag("reason"), whole(c.count()));
        }
        for (io.micrometer.core.instrument.Counter c : registry.find("jinglegateway.mapping.errors").counters()) {
            out.put("mapping errors " + c.getId().getTag("kind"), whole(c.count()));
        }
        for (io.micrometer.core.instrument.Counter c : registry.find("jinglegateway.devices.resumes").counters()) {
            out.put("resumes " + c.getId().getTag("result"), whole(c.count()));
        }
        out.put("stanzas in", whole(stanzasIn.count()));
        out.put("stanzas out", whole(stanzasOut.count()));
        out.put("frames in", whole(framesIn.count()));
        out.put("frames out", whole(framesOut.count()));
        out.put("xmpp reconnects", whole(reconnects.count()));
        out.put("uptime", java.time.Duration.ofMillis(java.lang.management.ManagementFactory.getRuntimeMXBean()
                .getUptime()).withNanos(0).toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    private static String whole(double v) {
        return String.valueOf((long) v);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
