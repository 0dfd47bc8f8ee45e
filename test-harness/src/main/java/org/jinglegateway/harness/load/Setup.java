package org.jinglegateway.harness.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jinglegateway.harness.GatewayCluster;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.ServerProcess;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jinglegateway.harness.prosody.ProsodyServer;

/**
 * One load setup: the XMPP server (quiet log, no rate limits, Nagle as asked), the gateway with a fixed heap and a
 * config whose budgets do not stop the run (or {@code --instances} of it forming one gateway, each with that heap),
 * and the generator's clients (probe pair, direct pair, workers; the workers' devices on the instances in turn).
 */
final class Setup implements AutoCloseable {
    static final String PASSWORD = "load-pw";

    final ServerProcess server;
    /** The first (or only) instance: the probe device's. */
    final GatewayProcess gateway;
    /** Every instance. */
    final List<GatewayProcess> gateways;
    private final GatewayCluster cluster;
    final Probe probe;
    final Workers workers;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private Setup(LoadOptions o, Payloads payloads, String serverName, boolean nagle) throws Exception {
        ServerProcess s = null;
        GatewayProcess g = null;
        GatewayCluster c = null;
        List<String> options = new ArrayList<>(List.of("-Xms" + o.heap(), "-Xmx" + o.heap(), "-XX:+UseG1GC"));
        if (!o.jfr().isEmpty()) {
            Path jfr = Path.of(o.jfr().replace("{server}", serverName)).toAbsolutePath();
            if (o.instances() > 1) {
                // one recording each: given a folder, the JVM names its file after its pid (three JVMs writing one
                // file mix up its method names)
                jfr = jfr.resolveSibling(jfr.getFileName().toString().replaceFirst("\\.jfr$", "") + "-instances");
                java.nio.file.Files.createDirectories(jfr);
            }
            options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        String[] jvm = options.toArray(String[]::new);
        try {
            s = server(o, serverName, nagle);
            s.start();
            if (o.instances() > 1) {
                c = GatewayCluster.on(s).size(o.instances()).auth("none").config(config()).jvmArgs(jvm)
                        .env("JINGLE_GATEWAY_LOG_LEVEL", o.gatewayLogLevel()).start();
                g = c.instance(0);
            } else {
                g = GatewayProcess.on(s).auth("none").config(config()).jvmArgs(jvm)
                        .env("JINGLE_GATEWAY_LOG_LEVEL", o.gatewayLogLevel()).startReady();
            }
        } catch (Exception | AssertionError e) {
            if (c != null) {
                c.close();
            } else if (g != null) {
                g.close();
            }
            if (s != null) {
                s.stop();
            }
            throw e;
        }
        this.server = s;
        this.gateway = g;
        this.cluster = c;
        this.gateways = c == null ? List.of(g) : IntStream.range(0, c.size()).mapToObj(c::instance).toList();
        if (o.nice() != 0) {
            renice(o.nice(), s.handle());
            for (GatewayProcess each : gateways) {
                renice(o.nice(), ProcessHandle.of(each.pid()).orElseThrow());
            }
            renice(o.nice(), ProcessHandle.current());
        }
        try {
            URI ws = g.ready().ws();
            List<URI> wss = c == null ? List.of(ws) : c.wsUrls().stream().map(URI::create).toList();
            HttpClient http = HttpClient.newHttpClient();
            WsDevice probeDevice = add(WsDevice.register(http, ws, "web-probe", payloads.chrome, f -> { }));
            C2sClient probePeer = add(c2s("probe"));
            this.probe = new Probe(payloads, probeDevice, probePeer, add(c2s("direct-a")), add(c2s("direct-b")));
            List<WsDevice> devices = new ArrayList<>();
            for (int i = 0; i < o.devices(); i++) {
                // half the devices send Chromium's SDP, half Firefox's
                devices.add(add(WsDevice.register(http, wss.get(i % wss.size()), "web" + i, i % 2 == 0 ? payloads.chrome
                        : payloads.firefox, f -> { })));
            }
            List<C2sClient> peers = new ArrayList<>();
            for (int i = 0; i < o.peers(); i++) {
                peers.add(add(c2s("peer" + i)));
            }
            this.workers = new Workers(payloads, devices, peers);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** {@code renice} for a process, its threads and its descendants (only processes this run started). */
    private static void renice(int nice, ProcessHandle process) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(nice), "-p"));
        // on Linux a nice value is per thread: name every task of the process
        for (ProcessHandle p : Stream.concat(Stream.of(process),
                process.descendants()).toList()) {
            try (Stream<Path> tasks = Files.list(
                    Path.of("/proc/" + p.pid() + "/task"))) {
                tasks.forEach(t -> command.add(t.getFileName().toString()));
            }
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 4)) + " failed (" + p.exitValue() + ")");
        }
    }

    static Setup start(LoadOptions o, Payloads payloads, String serverName, boolean nagle) throws Exception {
        return new Setup(o, payloads, serverName, nagle);
    }

    private static ServerProcess server(LoadOptions o, String name, boolean nagle) {
        ServerProcess.Builder<?, ?> b = switch (name) {
            case "prosody" -> ProsodyServer.builder().nagle(nagle);
            case "ejabberd" -> EjabberdServer.builder();
            default -> throw new IllegalArgumentException("unknown server " + name + " (prosody or ejabberd)");
        };
        b.quiet().user("probe", PASSWORD).user("direct-a", PASSWORD).user("direct-b", PASSWORD);
        for (int i = 0; i < o.peers(); i++) {
            b.user("peer" + i, PASSWORD);
        }
        return b.build();
    }

    /** Budgets raised so that they do not stop the run (docs/benchmarks.md lists them). */
    static String config() {
        return """
                http:
                  max-outgoing-queue-bytes: 67108864
                limits:
                  calls-per-minute: 100000
                  concurrent-calls: 10000
                  frames-per-second: 100000
                  initiates-per-minute: 100000
                  sockets-per-address: 10000
                """;
    }

    private C2sClient c2s(String user) throws IOException {
        return C2sClient.connect("127.0.0.1", server.c2sPort(), server.virtualHost(), user, PASSWORD, "load", s -> { });
    }

    private <T extends AutoCloseable> T add(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                // going away anyway
            }
        }
        if (cluster != null) {
            cluster.close();
        } else {
            gateway.close();
        }
        server.stop();
    }

    // ---- the gateway's figures: sums over its instances ----

    /** CPU seconds of the gateway instances' JIT compiler threads. */
    double gatewayJitCpuSeconds() {
        return gateways.stream().mapToDouble(g -> Proc.jitCpuSeconds(g.pid())).sum();
    }

    /**
     * The gateway's counters from /metrics by name (e.g. {@code jinglegateway_stanzas_in_total}), summed over the
     * instances.
     */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Double> m = new HashMap<>();
        for (GatewayProcess g : gateways) {
            String text = http.send(HttpRequest.newBuilder(g.ready().http().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            text.lines().filter(l -> l.startsWith("jinglegateway_") && !l.contains("{")).forEach(l -> {
                String[] f = l.split(" ");
                m.merge(f[0], Double.parseDouble(f[1]), Double::sum);
            });
        }
        return m;
    }

    double gatewayCpuSeconds() {
        return gateways.stream().mapToDouble(g -> Proc.cpuSeconds(handle(g))).sum();
    }

    long gatewayRssBytes() {
        return gateways.stream().mapToLong(g -> Proc.rssBytes(handle(g))).sum();
    }

    long gatewayThreads() {
        return gateways.stream().mapToLong(g -> Proc.threads(g.pid())).sum();
    }

    long gatewayFds() {
        return gateways.stream().mapToLong(g -> Proc.fds(g.pid())).sum();
    }

    /** The live heap's class histogram, summed over the instances. */
    Proc.Histogram gatewayHistogram() throws IOException, InterruptedException {
        long live = 0;
        Map<String, long[]> classes = new LinkedHashMap<>();
        for (GatewayProcess g : gateways) {
            Proc.Histogram h = Proc.histogram(g.pid());
            live += h.liveBytes();
            h.classes().forEach((k, v) -> {
                long[] sum = classes.computeIfAbsent(k, x -> new long[2]);
                sum[0] += v[0];
                sum[1] += v[1];
            });
        }
        return new Proc.Histogram(live, classes);
    }

    /**
     * The call snapshots in the cluster's map, from each instance's /metrics: {@code [sum of
     * jinglegateway_cluster_snapshot_bytes, largest jinglegateway_cluster_calls]}, {@code [-1, -1]} when an
     * instance does not report them; null with one instance.
     */
    long[] clusterSnapshots() throws IOException, InterruptedException {
        if (cluster == null) {
            return null;
        }
        HttpClient http = HttpClient.newHttpClient();
        long bytes = 0;
        long calls = 0;
        for (int i = 0; i < cluster.size(); i++) {
            String text = http.send(HttpRequest.newBuilder(URI.create(cluster.http(i) + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long b = metric(text, "jinglegateway_cluster_snapshot_bytes");
            long c = metric(text, "jinglegateway_cluster_calls");
            if (b < 0 || c < 0) {
                return new long[] {-1, -1};
            }
            bytes += b;
            calls = Math.max(calls, c);
        }
        return new long[] {bytes, calls};
    }

    /** A gauge's value, or -1 when it is missing or not a number (NaN). */
    private static long metric(String prometheusText, String name) {
        double v = prometheusText.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
        return Double.isNaN(v) ? -1 : (long) v;
    }

    /** The instance that has died, or null while all run. */
    GatewayProcess dead() {
        return gateways.stream().filter(g -> !g.isAlive()).findFirst().orElse(null);
    }

    private static ProcessHandle handle(GatewayProcess g) {
        return ProcessHandle.of(g.pid()).orElseThrow(() -> new IllegalStateException("the gateway has exited: " + g));
    }
}
