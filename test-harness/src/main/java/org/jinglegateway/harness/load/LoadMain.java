package org.jinglegateway.harness.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;

/**
 * The load suite's entry point ({@code bash scripts/load.sh}; docs/benchmarks.md "Load"). Per XMPP server: latency
 * probes with Prosody's default Nagle setting (before), then on a setup with the recommended settings: probes at
 * idle and under background load, setup throughput stepped until setup time climbs or calls are lost, and calls
 * held at once with the gateway's heap, memory, threads and descriptors. Prints tables and writes the JSON report.
 * Exits 1 when a phase could not run.
 */
public final class LoadMain {
    /** Gateway kinds and the stanza of the server's own route that makes the same trip (null: no such trip). */
    private static final Map<String, String> DIRECT = new LinkedHashMap<>();

    static {
        DIRECT.put("offer→session-initiate", "direct session-initiate");
        DIRECT.put("session-initiate→offer", "direct session-initiate");
        DIRECT.put("session-accept→answer", "direct session-accept");
        DIRECT.put("answer→session-accept", "direct session-accept");
        DIRECT.put("transport-info→candidate", "direct transport-info");
        DIRECT.put("candidate→transport-info", "direct transport-info");
        DIRECT.put("hangup→session-terminate", "direct session-terminate");
        DIRECT.put("session-terminate→hangup", "direct session-terminate");
        DIRECT.put("call→propose", "direct propose");
        DIRECT.put("propose→ring", "direct propose");
        DIRECT.put("accept→proceed", "direct propose");
        DIRECT.put("proceed→session-initiate", null);
    }

    private final LoadOptions o;
    private final Payloads payloads;
    private final StringBuilder table = new StringBuilder();

    LoadMain(LoadOptions o) {
        this.o = o;
        this.payloads = new Payloads(o.fixtures());
    }

    public static void main(String[] args) throws Exception {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            say("load: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = new LoadMain(o).run();
        System.exit(code);
    }

    /** Runs every phase on every server; returns 0, or 1 when a phase failed (the report says which). */
    int run() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "load_average_at_start", Proc.loadAverage(), "note", "cores shared with other work"));
        report.put("options", o.toString());
        boolean ok = true;
        for (String server : o.servers()) {
            Map<String, Object> r = new LinkedHashMap<>();
            report.put(server, r);
            try {
                runServer(server, r);
            } catch (Exception | AssertionError e) {
                ok = false;
                r.put("failed", e.toString());
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                say("load: " + server + " run failed: " + trace);
            }
        }
        report.put("load_average_at_end", Proc.loadAverage());
        if (o.out().getParent() != null) {
            Files.createDirectories(o.out().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), report);
        say(table.toString());
        say("load: report written to " + o.out());
        return ok ? 0 : 1;
    }

    private void runServer(String server, Map<String, Object> r) throws Exception {
        Latencies nagleOn = null;
        if (o.nagle() && "prosody".equals(server)) {
            say("load: " + server + " with Nagle on (the server's default), latency probes");
            try (Setup s = Setup.start(o, payloads, server, true)) {
                warmUp(s);
                nagleOn = new Latencies();
                s.probe.run(o.probes(), nagleOn);
            }
        }
        say("load: " + server + " with the recommended settings");
        try (Setup s = Setup.start(o, payloads, server, false)) {
            r.put("gateway_instances", s.gateways.size());
            r.put("gateway_pid", s.gateways.stream().map(GatewayProcess::pid).toList());
            r.put("gateway_log", s.gateways.stream().map(g -> g.logFile().toString()).toList());
            for (GatewayProcess g : s.gateways) {
                say("load: gateway log " + g.logFile());
            }
            warmUp(s);
            say("load: latency probes at idle");
            Latencies idle = new Latencies();
            s.probe.run(o.probes(), idle);
            say("load: latency probes under " + o.backgroundRate() + " calls/s of background load");
            Latencies loaded = new Latencies();
            Map<String, Object> background = underLoad(s, loaded);
            r.put("latency_ms", latencyReport(idle, loaded, nagleOn));
            r.put("background_load", background);
            latencyTable(server, idle, loaded, nagleOn);
            r.put("setup_throughput", throughput(s, server));
            r.put("held_calls", held(s, server));
            r.put("gateway_log_lines", s.gateways.stream().mapToLong(g -> g.logText().lines().count()).sum());
        }
    }

    private void warmUp(Setup s) throws InterruptedException {
        s.workers.hold(false);
        // at most 50 calls waiting: warming up must not leave a queue behind for the probes
        s.workers.pace(100, o.warmUpCalls(), 60, 50);
        s.workers.drain(60);
        s.workers.forgetPending();
        s.probe.run(Math.max(1, o.probes() / 10), new Latencies());
    }

    private Map<String, Object> underLoad(Setup s, Latencies into) throws InterruptedException {
        s.workers.hold(false);
        s.workers.resetSetup();
        long answered0 = s.workers.answered();
        long start = System.nanoTime();
        Thread background = new Thread(() -> {
            try {
                s.workers.pace(o.backgroundRate(), Long.MAX_VALUE, Double.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "background load");
        background.start();
        Thread.sleep(1000);
        try {
            s.probe.run(o.probes(), into);
        } finally {
            background.interrupt();
            background.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        s.workers.drain(10);
        int lost = s.workers.forgetPending();
        Latencies.Summary setup = s.workers.resetSetup().summary("setup");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_calls_per_s", o.backgroundRate());
        m.put("answered_calls_per_s", round((s.workers.answered() - answered0) / seconds));
        m.put("lost", lost);
        m.put("setup_ms", setup);
        return m;
    }

    private List<Map<String, Object>> throughput(Setup s, String server)
            throws InterruptedException, IOException {
        List<Map<String, Object>> steps = new ArrayList<>();
        ProcessHandle xmpp = s.server.handle();
        ProcessHandle self = ProcessHandle.current();
        s.workers.hold(false);
        double firstP99 = -1;
        table.append(String.format(Locale.ROOT, "%n== %s: call setup throughput (call frame -> answer frame; each"
                + " call then exchanges a candidate each way and hangs up)%n", server));
        table.append(String.format(Locale.ROOT, "%8s %9s %7s %8s %8s %8s | %-17s | %-17s | %-17s%n", "offered/s",
                "answered/s", "lost", "p50 ms", "p99 ms", "max ms", "gateway cores ms/call", "server cores ms/call",
                "generator cores"));
        for (int rate : o.rates()) {
            say("load: setup rate " + rate + "/s for " + o.stepSeconds() + " s");
            s.workers.resetSetup();
            long answered0 = s.workers.answered();
            long refused0 = s.workers.refused();
            double g0 = s.gatewayCpuSeconds();
            double j0 = s.gatewayJitCpuSeconds();
            Map<String, Double> c0 = s.metrics();
            double x0 = Proc.cpuSeconds(xmpp);
            double m0 = Proc.cpuSeconds(self);
            long t0 = System.nanoTime();
            long placed = s.workers.pace(rate, Long.MAX_VALUE, o.stepSeconds());
            s.workers.drain(10);
            double wall = (System.nanoTime() - t0) / 1e9;
            double g = s.gatewayCpuSeconds() - g0;
            double jit = s.gatewayJitCpuSeconds() - j0;
            Map<String, Double> c1 = s.metrics();
            double x = Proc.cpuSeconds(xmpp) - x0;
            double m = Proc.cpuSeconds(self) - m0;
            int lost = s.workers.forgetPending();
            long answered = s.workers.answered() - answered0;
            Latencies.Summary setup = s.workers.resetSetup().summary("setup");
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("offered_per_s", rate);
            step.put("placed", placed);
            step.put("answered", answered);
            step.put("answered_per_s", round(answered / (double) o.stepSeconds()));
            step.put("lost", lost);
            step.put("refused", s.workers.refused() - refused0);
            step.put("setup_ms", setup);
            step.put("gateway_cpu_cores", round(g / wall));
            step.put("gateway_cpu_ms_per_call", round(g * 1000 / Math.max(1, answered)));
            step.put("gateway_jit_cpu_ms_per_call", round(jit * 1000 / Math.max(1, answered)));
            step.put("server_cpu_cores", round(x / wall));
            step.put("server_cpu_ms_per_call", round(x * 1000 / Math.max(1, answered)));
            step.put("generator_cpu_cores", round(m / wall));
            for (String k : List.of("stanzas_in", "stanzas_out", "frames_in", "frames_out")) {
                String name = "jinglegateway_" + k + "_total";
                step.put(k + "_per_call", round((c1.getOrDefault(name, 0.0) - c0.getOrDefault(name, 0.0))
                        / Math.max(1, answered)));
            }
            step.put("load_average", Proc.loadAverage());
            steps.add(step);
            table.append(String.format(Locale.ROOT, "%8d %9.0f %7d %8.2f %8.2f %8.2f | %6.2f %10.2f | %6.2f %10.2f | "
                    + "%6.2f%n", rate, answered / (double) o.stepSeconds(), lost, setup.p50(), setup.p99(),
                    setup.max(), g / wall, g * 1000 / Math.max(1, answered), x / wall,
                    x * 1000 / Math.max(1, answered), m / wall));
            table.append(String.format(Locale.ROOT, "%8s a call through the gateway: stanzas in %.2f, out %.2f; frames"
                    + " in %.2f, out %.2f; gateway CPU ms without its JIT compiler threads %.2f%n", "",
                    step.get("stanzas_in_per_call"), step.get("stanzas_out_per_call"), step.get("frames_in_per_call"),
                    step.get("frames_out_per_call"), (g - jit) * 1000 / Math.max(1, answered)));
            if (firstP99 < 0) {
                firstP99 = setup.p99();
            }
            if (lost > placed / 100 || setup.p99() > Math.max(50, 10 * firstP99)) {
                step.put("saturated", true);
                break;
            }
            Thread.sleep(2000);
        }
        return steps;
    }

    private List<Map<String, Object>> held(Setup s, String server) throws Exception {
        List<Map<String, Object>> levels = new ArrayList<>();
        if (o.held().isEmpty()) {
            return levels;
        }
        ProcessHandle xmpp = s.server.handle();
        Thread.sleep(2000);
        Proc.Histogram base = s.gatewayHistogram();
        long base0 = s.workers.answered();
        s.workers.hold(true);
        table.append(String.format(Locale.ROOT, "%n== %s: calls held at once (gateway -Xmx%s%s)%n", server, o.heap(),
                s.gateways.size() > 1 ? ", " + s.gateways.size() + " instances, figures summed" : ""));
        table.append(String.format(Locale.ROOT, "%8s %12s %10s %10s %8s %6s %12s %10s %9s%n", "calls", "live heap MiB",
                "bytes/call", "RSS MiB", "threads", "FDs", "server RSS MiB", "setup p99", "lost"));
        table.append(String.format(Locale.ROOT, "%8d %12.1f %10s %10.1f %8d %6d %12.1f%n", 0,
                base.liveBytes() / 1048576.0, "-", s.gatewayRssBytes() / 1048576.0, s.gatewayThreads(), s.gatewayFds(),
                Proc.rssBytes(xmpp) / 1048576.0));
        int lostTotal = 0;
        for (int level : o.held()) {
            long have = s.workers.answered() - base0 - s.workers.ended();
            long need = level - have;
            say("load: building up to " + level + " held calls (" + need + " more at " + o.holdRate() + "/s)");
            s.workers.resetSetup();
            long t0 = System.nanoTime();
            s.workers.pace(o.holdRate(), need, Double.MAX_VALUE, o.holdRate());
            s.workers.drain(120);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            lostTotal += s.workers.forgetPending();
            Latencies.Summary setup = s.workers.resetSetup().summary("setup");
            Thread.sleep(3000);
            long held = s.workers.answered() - base0 - s.workers.ended();
            Proc.Histogram h = s.gatewayHistogram();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", level);
            m.put("held", held);
            m.put("lost_so_far", lostTotal);
            m.put("ended_by_gateway", s.workers.ended());
            m.put("live_heap_bytes", h.liveBytes());
            long perCall = held == 0 ? 0 : (h.liveBytes() - base.liveBytes()) / held;
            m.put("bytes_per_call", perCall);
            m.put("gateway_rss_bytes", s.gatewayRssBytes());
            m.put("gateway_threads", s.gatewayThreads());
            m.put("gateway_fds", s.gatewayFds());
            m.put("server_rss_bytes", Proc.rssBytes(xmpp));
            m.put("setup_ms", setup);
            m.put("build_up_calls_per_s", round(need / buildSeconds));
            m.put("top_classes_per_call", perCallClasses(base, h, held));
            m.put("load_average", Proc.loadAverage());
            levels.add(m);
            table.append(String.format(Locale.ROOT, "%8d %12.1f %10d %10.1f %8d %6d %12.1f %10.2f %9d%n", held,
                    h.liveBytes() / 1048576.0, perCall, s.gatewayRssBytes() / 1048576.0, s.gatewayThreads(),
                    s.gatewayFds(), Proc.rssBytes(xmpp) / 1048576.0, setup.p99(), lostTotal));
            long[] snapshots = s.clusterSnapshots();
            if (snapshots != null) {
                m.put("cluster_snapshot_bytes", snapshots[0]);
                m.put("cluster_calls", snapshots[1]);
                m.put("cluster_snapshot_bytes_per_call", snapshots[1] <= 0 ? -1 : snapshots[0] / snapshots[1]);
                table.append(String.format(Locale.ROOT, "%8s cluster map: %d bytes of call snapshots for %d calls"
                        + " (%d a call, backups apart)%n", "", snapshots[0], snapshots[1],
                        snapshots[1] <= 0 ? -1 : snapshots[0] / snapshots[1]));
            }
            if (s.dead() != null) {
                throw new IllegalStateException("the gateway died at " + level + " held calls: " + s.dead());
            }
        }
        return levels;
    }

    /** The classes that grew most between two histograms, as bytes and instances per call. */
    private static List<Map<String, Object>> perCallClasses(Proc.Histogram base, Proc.Histogram h, long calls) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (calls <= 0) {
            return out;
        }
        h.classes().entrySet().stream().map(e -> {
            long[] b = base.classes().getOrDefault(e.getKey(), new long[2]);
            return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
        }).sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(25).forEach(e -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("class", e.getKey());
            c.put("bytes_per_call", round(e.getValue()[0] / (double) calls));
            c.put("instances_per_call", round(e.getValue()[1] / (double) calls));
            out.add(c);
        });
        return out;
    }

    private Map<String, Object> latencyReport(Latencies idle, Latencies loaded, Latencies nagleOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idle", idle.summaries());
        m.put("under_background_load", loaded.summaries());
        if (nagleOn != null) {
            m.put("prosody_nagle_on_idle", nagleOn.summaries());
        }
        return m;
    }

    private void latencyTable(String server, Latencies idle, Latencies loaded, Latencies nagleOn) {
        table.append(String.format(Locale.ROOT, "%n== %s: latency per message kind, ms (p50 / p99 / max), %d calls"
                + " of each shape; direct = the server's own client-to-client route for the same stanza%n", server,
                o.probes()));
        table.append(String.format(Locale.ROOT, "%-26s | %-20s | %-20s | %-20s | %-20s | %s%n", "kind", "idle",
                "direct (idle)", "added p50 / p99", "under load", nagleOn == null ? "" : "Nagle on (default)"));
        for (Map.Entry<String, String> k : DIRECT.entrySet()) {
            Latencies.Summary i = idle.summary(k.getKey());
            Latencies.Summary d = k.getValue() == null ? Latencies.Summary.NONE : idle.summary(k.getValue());
            String added = k.getValue() == null ? "(two trips)" : String.format(Locale.ROOT, "%+.2f / %+.2f",
                    i.p50() - d.p50(), i.p99() - d.p99());
            table.append(String.format(Locale.ROOT, "%-26s | %-20s | %-20s | %-20s | %-20s | %s%n", k.getKey(),
                    cell(i), k.getValue() == null ? "-" : cell(d), added, cell(loaded.summary(k.getKey())),
                    nagleOn == null ? "" : cell(nagleOn.summary(k.getKey()))));
        }
    }

    private static String cell(Latencies.Summary s) {
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.1f", s.p50(), s.p99(), s.max());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void say(String line) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.out.println(line);
        // CHECKSTYLE.ON: RegexpSinglelineJava
    }
}
