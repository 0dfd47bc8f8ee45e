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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.ServerProcess;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jinglegateway.harness.prosody.ProsodyServer;

/**
 * One load setup: the XMPP server (quiet log, no rate limits, Nagle as asked), the gateway with a fixed heap and a
 * config whose budgets do not stop the run, and the generator's clients (probe pair, direct pair, workers).
 */
final class Setup implements AutoCloseable {
    static final String PASSWORD = "load-pw";

    final ServerProcess server;
    final GatewayProcess gateway;
    final Probe probe;
    final Workers workers;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private Setup(LoadOptions o, Payloads payloads, String serverName, boolean nagle) throws Exception {
        ServerProcess s = null;
        GatewayProcess g = null;
        try {
            s = server(o, serverName, nagle);
            s.start();
            List<String> jvm = new ArrayList<>(List.of("-Xms" + o.heap(), "-Xmx" + o.heap(), "-XX:+UseG1GC"));
            if (!o.jfr().isEmpty()) {
                jvm.add("-XX:StartFlightRecording=filename=" + Path.of(o.jfr().replace("{server}", serverName))
                        .toAbsolutePath() + ",settings=profile,dumponexit=true");
            }
            g = GatewayProcess.on(s).auth("none").config(config())
                    .jvmArgs(jvm.toArray(String[]::new))
                    .env("JINGLE_GATEWAY_LOG_LEVEL", o.gatewayLogLevel()).startReady();
        } catch (Exception | AssertionError e) {
            if (g != null) {
                g.close();
            }
            if (s != null) {
                s.stop();
            }
            throw e;
        }
        this.server = s;
        this.gateway = g;
        if (o.nice() != 0) {
            renice(o.nice(), s.handle());
            renice(o.nice(), ProcessHandle.of(g.pid()).orElseThrow());
            renice(o.nice(), ProcessHandle.current());
        }
        try {
            URI ws = g.ready().ws();
            HttpClient http = HttpClient.newHttpClient();
            WsDevice probeDevice = add(WsDevice.register(http, ws, "web-probe", payloads.chrome, f -> { }));
            C2sClient probePeer = add(c2s("probe"));
            this.probe = new Probe(payloads, probeDevice, probePeer, add(c2s("direct-a")), add(c2s("direct-b")));
            List<WsDevice> devices = new ArrayList<>();
            for (int i = 0; i < o.devices(); i++) {
                // half the devices send Chromium's SDP, half Firefox's
                devices.add(add(WsDevice.register(http, ws, "web" + i, i % 2 == 0 ? payloads.chrome
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

    /** The gateway's counters from /metrics by name (e.g. {@code jinglegateway_stanzas_in_total}); 0 when absent. */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                gateway.ready().http().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> m = new HashMap<>();
        r.body().lines().filter(l -> l.startsWith("jinglegateway_") && !l.contains("{")).forEach(l -> {
            String[] f = l.split(" ");
            m.put(f[0], Double.parseDouble(f[1]));
        });
        return m;
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
        gateway.close();
        server.stop();
    }
}
