package org.jinglegateway.harness.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The load run's settings ({@code bash scripts/load.sh --name value ...}); the defaults are the run kept in
 * docs/benchmarks.md.
 *
 * @param servers        XMPP servers to run against, in turn: prosody, ejabberd
 * @param devices        worker WebSocket devices (each its own browser user)
 * @param peers          worker c2s clients (each its own XMPP user)
 * @param probes         latency rounds per setting (a round: each call shape once, and the direct route)
 * @param backgroundRate calls a second while the probes measure "under load"
 * @param rates          setup rates tried in turn, until setup time climbs or calls are lost
 * @param stepSeconds    seconds per setup rate
 * @param held           numbers of calls held at once, measured in turn
 * @param holdRate       setup rate while building up held calls
 * @param nagle          also measure the probes with Prosody's default Nagle setting (before/after)
 * @param heap           the gateway's fixed heap (-Xms and -Xmx)
 * @param gatewayLogLevel the gateway's log level
 * @param fixtures       the mapper's fixture folder
 * @param out            the JSON report
 * @param instances      gateway instances forming one gateway (docs/operations.md, "Several instances"); above 1
 *                       only with ejabberd, which spreads stanzas over their connections; the worker devices
 *                       register on the instances in turn, and the gateway figures are the sums over all of them
 * @param jfr            a Java Flight Recording of the gateway written here when it stops ({@code {server}} is
 *                       replaced; empty: none), for {@code jfr print --events jdk.ExecutionSample}; with several
 *                       instances, a folder beside it ({@code NAME-instances}) with one recording each
 * @param warmUpCalls    calls placed (at 100/s) before anything is measured, so that the gateway's JIT has compiled
 *                       the call path
 * @param nice           the nice value given to the server, the gateway and the generator (0: left alone; below 0
 *                       needs root): on a machine shared with other work, a single-threaded server otherwise gets
 *                       its per-thread share of the cores and becomes the bottleneck
 */
record LoadOptions(List<String> servers, int devices, int peers, int probes, int backgroundRate, List<Integer> rates,
                   int stepSeconds, List<Integer> held, int holdRate, boolean nagle, String heap,
                   String gatewayLogLevel, Path fixtures, Path out, int nice, int instances,
                   String jfr, int warmUpCalls) {

    static LoadOptions parse(String... args) {
        String servers = "prosody";
        int devices = 20;
        int peers = 10;
        int probes = 200;
        int background = 100;
        String rates = "100,200,400,800,1600";
        int step = 10;
        String held = "1000,10000,100000";
        int holdRate = 400;
        boolean nagle = true;
        String heap = "1g";
        String level = "INFO";
        Path fixtures = Path.of("jingle-mapper/src/test/resources/fixtures");
        Path out = Path.of("docs/bench/" + LocalDate.now(ZoneOffset.UTC) + "-load.json");
        int nice = 0;
        int instances = 1;
        String jfr = "";
        int warmUp = 3000;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String v = args[++i];
            switch (name) {
                case "--servers" -> servers = v;
                case "--devices" -> devices = Integer.parseInt(v);
                case "--peers" -> peers = Integer.parseInt(v);
                case "--probes" -> probes = Integer.parseInt(v);
                case "--background-rate" -> background = Integer.parseInt(v);
                case "--rates" -> rates = v;
                case "--step-seconds" -> step = Integer.parseInt(v);
                case "--held" -> held = v;
                case "--hold-rate" -> holdRate = Integer.parseInt(v);
                case "--nagle" -> nagle = Boolean.parseBoolean(v);
                case "--heap" -> heap = v;
                case "--gateway-log-level" -> level = v;
                case "--fixtures" -> fixtures = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--nice" -> nice = Integer.parseInt(v);
                case "--instances" -> instances = Integer.parseInt(v);
                case "--jfr" -> jfr = v;
                case "--warm-up-calls" -> warmUp = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + name + " (see LoadOptions)");
            }
        }
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, not " + instances);
        }
        if (instances > 1 && !"ejabberd".equals(servers)) {
            throw new IllegalArgumentException("--instances " + instances + " needs --servers ejabberd (Prosody takes"
                    + " one component connection per domain: the other instances would only wait as standbys)");
        }
        return new LoadOptions(List.of(servers.split(",")), devices, peers, probes, background, ints(rates), step,
                ints(held), holdRate, nagle, heap, level, fixtures, out, nice, instances, jfr, warmUp);
    }

    private static List<Integer> ints(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt)
                .toList();
    }
}
