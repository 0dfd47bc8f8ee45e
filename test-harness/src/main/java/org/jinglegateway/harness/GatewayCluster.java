package org.jinglegateway.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N instances of the gateway that form one gateway (docs/operations.md, "Several instances"): each a {@link
 * GatewayProcess} with its own fixed loopback HTTP port and cluster port, all with the same domain, secret and
 * {@code --cluster-members} listing every instance. {@link Builder#start()} waits for each instance's READY line
 * and for {@code /health} of each to report the whole cluster. Instances are ended one at a time by pid ({@link
 * #kill}: SIGKILL, {@link #freeze}/{@link #thaw}: SIGSTOP/SIGCONT); {@link #close()} stops every one still running.
 *
 * <p>With Prosody, which takes one component connection per domain, {@link Builder#standbys()} starts instance 0
 * first and waits for its READY line; the others are then waited for on {@code /health} only (a standby has no
 * XEP-0114 session yet, so whether it prints READY before it takes over is not assumed).
 */
public final class GatewayCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(GatewayCluster.class);

    private final List<GatewayProcess> instances;
    private final List<GatewayProcess.Launch> launches = new ArrayList<>();
    private final List<Integer> httpPorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Integer, LocalTime> signalled = new ConcurrentHashMap<>();

    private GatewayCluster(List<GatewayProcess> instances, List<Integer> httpPorts) {
        this.instances = instances;
        this.httpPorts = httpPorts;
    }

    /** A cluster against a test server: its component port, domain and secret, as {@link GatewayProcess#on}. */
    public static Builder on(XmppServer server) {
        return new Builder(server);
    }

    /** What to start. */
    public static final class Builder {
        private final XmppServer server;
        private int size = 3;
        private String domain;
        private String config;
        private boolean crossOrigins;
        private boolean standbys;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvm = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(XmppServer server) {
            this.server = server;
            this.domain = server.componentDomain();
        }

        /** How many instances (default 3). */
        public Builder size(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster has at least one instance, not " + n);
            }
            this.size = n;
            return this;
        }

        public Builder domain(String value) {
            this.domain = value;
            return this;
        }

        /** The same YAML config file for every instance ({@code --config}). */
        public Builder config(String yaml) {
            this.config = yaml;
            return this;
        }

        /** {@code --auth none|token} on every instance. */
        public Builder auth(String mode) {
            return args("--auth", mode);
        }

        /** More flags for every instance. */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Options for every instance's JVM (e.g. a fixed heap), as {@link GatewayProcess.Launch#jvmArgs}. */
        public Builder jvmArgs(String... options) {
            jvm.addAll(List.of(options));
            return this;
        }

        /** One environment variable for every instance. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /**
         * Each instance allows the origins of all (JINGLE_GATEWAY_ALLOWED_ORIGINS): a page served by one instance may
         * open sockets to the others, and the softphone follows {@code ?gateways=} to them.
         */
        public Builder crossOrigins() {
            this.crossOrigins = true;
            return this;
        }

        /** Instance 0 is started first and is the active one; the others are hot standbys (Prosody). */
        public Builder standbys() {
            this.standbys = true;
            return this;
        }

        /** Starts every instance; returns once each has printed READY (see standbys) and reports the cluster. */
        public GatewayCluster start() throws IOException, InterruptedException {
            List<Integer> httpPorts = IntStream.range(0, size).mapToObj(i -> Ports.free()).toList();
            // ascending: among sides of equal size Hazelcast merges into the lowest address, instance 0's
            List<Integer> clusterPorts = IntStream.range(0, size).mapToObj(i -> Ports.free()).sorted().toList();
            String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
            String origins = httpPorts.stream().map(p -> "http://127.0.0.1:" + p).collect(Collectors.joining(","));
            List<GatewayProcess> started = new ArrayList<>();
            GatewayCluster cluster = new GatewayCluster(started, httpPorts);
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < size; i++) {
                    GatewayProcess.Launch launch = GatewayProcess.on(server).domain(domain).httpPort(httpPorts.get(i))
                            .args("--cluster-port", String.valueOf(clusterPorts.get(i)), "--cluster-members", members)
                            .args(args.toArray(String[]::new)).jvmArgs(jvm.toArray(String[]::new));
                    if (config != null) {
                        launch.config(config);
                    }
                    env.forEach(launch::env);
                    if (crossOrigins) {
                        launch.env("JINGLE_GATEWAY_ALLOWED_ORIGINS", origins);
                    }
                    cluster.launches.add(launch);
                    started.add(launch.start());
                    if (standbys && i == 0) {
                        started.get(0).awaitReady(1, START_TIMEOUT);
                    }
                }
                List<Long> readyMs = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (!standbys || i == 0) {
                        started.get(i).awaitReady(1, START_TIMEOUT);
                        readyMs.add((System.nanoTime() - t0) / 1_000_000);
                    }
                }
                cluster.awaitClusterSize(size, START_TIMEOUT);
                log.info("figure cluster.started instances={} ready_ms_since_start={} whole_cluster_ms={} joined_ms={}",
                        size, readyMs, (System.nanoTime() - t0) / 1_000_000, cluster.joinMillis());
                return cluster;
            } catch (AssertionError | RuntimeException e) {
                cluster.close();
                throw new AssertionError(e.getMessage() + "\n" + cluster, e);
            } catch (IOException e) {
                cluster.close();
                throw e;
            }
        }
    }

    public int size() {
        return instances.size();
    }

    public GatewayProcess instance(int i) {
        return instances.get(i);
    }

    /** Instance i's WebSocket endpoint (from its fixed HTTP port; the same URL its READY line gives). */
    public String ws(int i) {
        return "ws://127.0.0.1:" + httpPorts.get(i) + "/ws";
    }

    /** Instance i's HTTP root, e.g. {@code http://127.0.0.1:PORT/} (the softphone page, /health). */
    public String http(int i) {
        return "http://127.0.0.1:" + httpPorts.get(i) + "/";
    }

    /** Every instance's WebSocket endpoint, in order. */
    public List<String> wsUrls() {
        return IntStream.range(0, size()).mapToObj(this::ws).toList();
    }

    /** The instance whose WebSocket endpoint is this URL; fails when none is. */
    public int indexOfWs(String url) {
        int i = wsUrls().indexOf(url);
        if (i < 0) {
            throw new AssertionError(url + " is none of the cluster's sockets " + wsUrls());
        }
        return i;
    }

    /** The instances neither killed nor frozen. */
    public List<Integer> live() {
        return IntStream.range(0, size()).filter(i -> instances.get(i).isAlive() && !instances.get(i).isFrozen())
                .boxed().toList();
    }

    /** {@code GET /health} of instance i: its status and body, the body parsed when it is JSON. */
    public Health health(int i) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(http(i) + "health"))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        return new Health(r.statusCode(), r.body(), json);
    }

    /**
     * One answer of {@code /health}: in a cluster, {@code ok} (or the reason it is not) and then lines
     * {@code cluster-size=N}, {@code members=host:port,...} and {@code xmpp-link=here|other-instance|none}
     * (docs/operations.md); a JSON body with {@code cluster.size} and {@code cluster.members} is read too.
     *
     * @param status the HTTP status
     * @param body   the body as sent
     * @param json   the body parsed, or null when it is not JSON
     */
    public record Health(int status, String body, JsonNode json) {
        /** The cluster's size, or -1 when the answer has none. */
        public int clusterSize() {
            if (json != null) {
                return json.path("cluster").path("size").asInt(-1);
            }
            String size = line("cluster-size");
            try {
                return size == null ? -1 : Integer.parseInt(size.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** The members the answer lists ({@code host:port}). */
        public List<String> members() {
            if (json != null) {
                List<String> out = new ArrayList<>();
                json.path("cluster").path("members").forEach(m -> out.add(m.asText()));
                return out;
            }
            String members = line("members");
            return members == null || members.isBlank() ? List.of() : List.of(members.strip().split(","));
        }

        /** Where this instance says the XEP-0114 link is ({@code here}, {@code other-instance}, {@code none}). */
        public String xmppLink() {
            return json != null ? json.path("cluster").path("xmpp-link").asText(null) : line("xmpp-link");
        }

        private String line(String key) {
            return body.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElse(null);
        }
    }

    /** Waits until /health of every live instance reports {@code n} members. */
    public void awaitClusterSize(int n, Duration timeout) {
        Map<Integer, String> last = new LinkedHashMap<>();
        List<Integer> expected = live();
        try {
            Await.until(timeout, "every live instance's /health to report cluster size " + n, () -> {
                boolean all = true;
                for (int i : expected) {
                    if (!instances.get(i).isAlive()) {
                        throw new AssertionError("instance " + i + " exited; its log:\n" + instances.get(i).logText());
                    }
                    try {
                        Health h = health(i);
                        last.put(i, h.status() + " " + h.body().strip());
                        all &= h.clusterSize() == n;
                    } catch (IOException e) {
                        last.put(i, e.toString());
                        all = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
                return all;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answers " + last + "; " + this, e);
        }
    }

    /**
     * Starts instance i again, with the same ports and flags, after it was killed or stopped; returns once it has
     * printed READY and every live instance reports them all. (With three or more members, an instance that sees
     * fewer than a majority steps back: a test that ends two of three brings the first back before the second.)
     */
    public void restart(int i) throws IOException, InterruptedException {
        GatewayProcess old = instances.get(i);
        if (old.isAlive()) {
            throw new IllegalStateException("instance " + i + " is still running: " + old);
        }
        GatewayProcess again = launches.get(i).start();
        instances.set(i, again);
        again.awaitReady(1, START_TIMEOUT);
        awaitClusterSize(live().size(), START_TIMEOUT);
        log.info("cluster.restarted instance={} pid={}", i, again.pid());
    }

    /** SIGKILL of instance i by its pid. */
    public void kill(int i) throws InterruptedException {
        signal(i, "KILL");
        instances.get(i).kill();
    }

    private void signal(int i, String name) {
        LocalTime at = LocalTime.now();
        signalled.put(i, at);
        log.info("cluster.signal SIG{} instance={} pid={} at={}", name, i, instances.get(i).pid(), at);
    }

    /** When instance i was last signalled (kill, terminate, freeze, thaw), as the gateways' logs write times. */
    public LocalTime signalledAt(int i) {
        LocalTime at = signalled.get(i);
        if (at == null) {
            throw new IllegalStateException("instance " + i + " was never signalled");
        }
        return at;
    }

    /**
     * The time of the first line of instance i's log, at or after {@code notBefore}, that contains {@code text}
     * (the log's lines start with {@code HH:mm:ss.SSS}).
     */
    public Optional<LocalTime> logged(int i, String text, LocalTime notBefore) {
        for (String line : instances.get(i).logText().lines().toList()) {
            if (line.length() > 12 && line.contains(text)) {
                try {
                    LocalTime at = LocalTime.parse(line.substring(0, 12));
                    if (!at.isBefore(notBefore)) {
                        return Optional.of(at);
                    }
                } catch (DateTimeParseException e) {
                    // not a log line of ours
                }
            }
        }
        return Optional.empty();
    }

    /** Instance i's cluster events (its log lines {@code ... - cluster.NAME ...}), one line each, for a test's log. */
    public List<String> clusterEvents(int i) {
        return instances.get(i).logText().lines().filter(l -> l.contains(" - cluster.")).map(l -> l.length() > 160
                ? l.substring(0, 160) + "..." : l).toList();
    }

    /** Each instance's {@code cluster.joined ... millis=N} (its Hazelcast join), -1 where there is none. */
    public List<Long> joinMillis() {
        List<Long> out = new ArrayList<>();
        for (GatewayProcess g : instances) {
            out.add(g.logText().lines().filter(l -> l.contains("cluster.joined")).map(l -> l.replaceAll(".*millis=",
                    "").replaceAll("\\D.*", "")).filter(v -> !v.isEmpty()).map(Long::parseLong).findFirst()
                    .orElse(-1L));
        }
        return out;
    }

    /** SIGTERM of instance i by its pid (it hands its calls to the others); returns its exit code. */
    public int terminate(int i, Duration timeout) throws InterruptedException {
        signal(i, "TERM");
        return instances.get(i).terminate(timeout);
    }

    /** SIGSTOP of instance i by its pid. */
    public void freeze(int i) throws IOException, InterruptedException {
        signal(i, "STOP");
        instances.get(i).freeze();
    }

    /** SIGCONT of instance i by its pid. */
    public void thaw(int i) throws IOException, InterruptedException {
        signal(i, "CONT");
        instances.get(i).thaw();
    }

    /** For {@code @RegisterExtension}: when a test fails, prints where each instance's log is. */
    public static TestExecutionExceptionHandler logOnFailure(Supplier<GatewayCluster> cluster) {
        return (context, failure) -> {
            GatewayCluster c = cluster.get();
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.err.println("[gateway cluster] test " + context.getDisplayName() + " failed; "
                    + (c == null ? "the cluster was not started" : c.toString()));
            // CHECKSTYLE.ON: RegexpSinglelineJava
            throw failure;
        };
    }

    /** Stops every instance still running, by pid (frozen ones are thawed first). */
    @Override
    public void close() throws InterruptedException {
        InterruptedException interrupted = null;
        for (GatewayProcess g : instances) {
            try {
                g.close();
            } catch (InterruptedException e) {
                interrupted = e;
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("gateway cluster:");
        for (int i = 0; i < instances.size(); i++) {
            GatewayProcess g = instances.get(i);
            b.append("\n  instance ").append(i).append(' ').append(ws(i)).append(g.isAlive() ? "" : " (exited)")
                    .append(g.isFrozen() ? " (frozen)" : "").append(": ").append(g);
        }
        return b.toString();
    }
}
