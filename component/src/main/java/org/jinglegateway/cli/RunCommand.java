package org.jinglegateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Ticker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jinglegateway.admin.AdminCommands;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.DeviceRegistry;
import org.jinglegateway.call.DeviceSessions;
import org.jinglegateway.call.IceServers;
import org.jinglegateway.call.ResumePolicy;
import org.jinglegateway.cluster.ClusterNode;
import org.jinglegateway.config.ConfigException;
import org.jinglegateway.config.ConfigLoader;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.limits.Budgets;
import org.jinglegateway.limits.SocketsPerAddress;
import org.jinglegateway.metrics.GatewayMetrics;
import org.jinglegateway.ws.GatewayHttpServer;
import org.jinglegateway.ws.SignalingProtocol;
import org.jinglegateway.ws.TokenVerifier;
import org.jinglegateway.xmpp.ConnectionListener;
import org.jinglegateway.xmpp.GatewayComponent;
import org.jinglegateway.xmpp.StreamErrorCondition;
import org.jinglegateway.xmpp.UserPresence;
import org.jinglegateway.xmpp.XmppConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: starts the gateway. Prints {@code READY domain=... ws=...} on standard output each time the
 * component is registered with the server and the WebSocket listener is up (README.md).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the gateway.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", description = "YAML settings file (see conf/gateway.yaml)")
    Path config;
    @Option(names = "--xmpp-host", description = "XMPP server host (xmpp.host)")
    String xmppHost;
    @Option(names = "--xmpp-port", description = "XEP-0114 component port (xmpp.port)")
    String xmppPort;
    @Option(names = "--domain", description = "component domain (xmpp.domain)")
    String domain;
    @Option(names = "--secret", description = "component secret (xmpp.secret)")
    String secret;
    @Option(names = "--http-host", description = "HTTP/WebSocket listen address (http.host)")
    String httpHost;
    @Option(names = "--http-port", description = "HTTP/WebSocket port, 0 for any free one (http.port)")
    String httpPort;
    @Option(names = "--auth", description = "browser auth: none or token (auth.mode)")
    String auth;
    @Option(names = "--token-secret", description = "HS256 secret for auth token (auth.token-secret)")
    String tokenSecret;
    @Option(names = "--admins", description = "admin JIDs, comma separated (admins)")
    String admins;
    @Option(names = "--token-issuer", description = "the iss a token must carry (auth.token-issuer)")
    String tokenIssuer;
    @Option(names = "--token-audience", description = "a value a token's aud must hold (auth.token-audience)")
    String tokenAudience;
    @Option(names = "--token-max-lifetime-seconds", description = "longest a token may live, 0 for no limit"
            + " (auth.token-max-lifetime-seconds)")
    String tokenMaxLifetime;

    @Option(names = "--cluster-port", description = "this instance's cluster port, 0 for no cluster (cluster.port)")
    String clusterPort;
    @Option(names = "--cluster-members", description = "HOST:PORT of every instance, comma separated"
            + " (cluster.members)")
    String clusterMembers;

    /** Threads that run the calls' lanes; translation is fast, so a few serve thousands of calls. */
    private static final int LANE_THREADS = 4;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        GatewayConfig settings;
        try {
            settings = new ConfigLoader().load(Optional.ofNullable(config), System.getenv(), flags());
        } catch (ConfigException e) {
            return fail(Main.EXIT_USAGE, e.getMessage());
        }
        String logFormat = System.getenv("JINGLE_GATEWAY_LOG_FORMAT");
        if (logFormat != null && !logFormat.isEmpty() && !"text".equals(logFormat) && !"json".equals(logFormat)) {
            // logback picked no appender for it, so this line is the only one that can say so
            return fail(Main.EXIT_USAGE, "config error: JINGLE_GATEWAY_LOG_FORMAT: must be text or json, found \""
                    + logFormat + "\"");
        }
        if (settings.auth().mode() == GatewayConfig.Mode.NONE) {
            log.warn("auth.mode is none: any browser may register as any user of {}. Use token outside a test"
                    + " setup.", settings.xmpp().domain());
        }
        GatewayComponent component = new GatewayComponent(Main.version());
        GatewayMetrics metrics = new GatewayMetrics();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("call-timers"));
        ExecutorService lanes = Executors.newFixedThreadPool(LANE_THREADS, daemon("call-lane"));
        CallService calls = new CallService(settings.xmpp().domain(), new DeviceRegistry(), component, timers, lanes,
                Duration.ofSeconds(settings.calls().ringTimeoutSeconds()));
        UserPresence presence = new UserPresence(component, calls);
        IceServers ice = new IceServers(settings.ice(), Clock.systemUTC());
        AdminCommands admin = new AdminCommands(settings, calls, ice, metrics,
                () -> new ConfigLoader().load(Optional.ofNullable(config), System.getenv(), flags()),
                Clock.systemUTC());
        component.attach(calls, presence, ice, admin);
        calls.setListener(metrics);
        GatewayConfig.Limits limits = settings.limits();
        calls.setBudgets(new Budgets(limits.callsPerMinute(), limits.concurrentCalls(), limits.framesPerSecond(),
                limits.initiatesPerMinute(), Ticker.systemTicker()));
        metrics.watch(calls);
        DeviceSessions devices = new DeviceSessions(calls, presence, new ResumePolicy(
                Duration.ofSeconds(settings.calls().resumeSeconds()), limits.heldFrames(), limits.heldFrameBytes()),
                timers);
        devices.setListener(metrics);
        metrics.watch(devices);
        calls.setLinkResume(Duration.ofSeconds(settings.xmpp().resumeSeconds()));
        AtomicReference<XmppConnector> connectorRef = new AtomicReference<>();
        AtomicReference<ClusterNode> clusterRef = new AtomicReference<>();
        Optional<TokenVerifier> tokens = settings.auth().mode() == GatewayConfig.Mode.TOKEN
                ? Optional.of(TokenVerifier.of(settings.auth(), Clock.systemUTC())) : Optional.empty();
        GatewayHttpServer http = new GatewayHttpServer(settings.http(),
                new SignalingProtocol(new ObjectMapper(), calls, devices, tokens, ice, timers),
                () -> connectorRef.get() != null && connectorRef.get().isConnected()
                        || clusterRef.get() != null && clusterRef.get().routing().anyLink(), metrics,
                new SocketsPerAddress(settings.limits().socketsPerAddress()));
        int port;
        try {
            port = http.start();
        } catch (Exception e) {
            http.close();
            return fail(Main.EXIT_USAGE, "cannot listen on " + settings.http().host() + ":" + settings.http().port()
                    + " (http.host/http.port): " + e.getMessage());
        }
        // with http.port 0 the listener picked a port: announce that one
        String ws = new GatewayConfig.Http(settings.http().host(), port).webSocketUrl();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        XmppConnector connector = new XmppConnector(settings.xmpp(), component,
                new ConnectionListener() {
                    @Override
                    public void connected(String componentDomain) {
                        ClusterNode node = clusterRef.get();
                        if (node != null) {
                            node.routing().link(true);
                        }
                        // what was held has left; the server may have restarted and lost its users' probes
                        calls.onXmppUp();
                        presence.announceAll();
                        ready(componentDomain, ws);
                    }

                    @Override
                    public void disconnected(String reason) {
                        log.info("xmpp.reconnecting reason={}", reason);
                        metrics.reconnect();
                        ClusterNode node = clusterRef.get();
                        if (node != null) {
                            node.routing().link(false);
                        }
                        // in a cluster the calls go on over another instance's link, if one has it
                        if (node == null || !node.routing().anyLink()) {
                            calls.onXmppDown();
                        }
                    }

                    @Override
                    public void heldOverflow() {
                        calls.onHeldOverflow();
                    }

                    @Override
                    public void stanzaIn() {
                        metrics.stanzaIn();
                    }

                    @Override
                    public void stanzaOut() {
                        metrics.stanzaOut();
                    }

                    @Override
                    public void fatal(StreamErrorCondition condition, String message) {
                        exit.complete(fail(condition == StreamErrorCondition.NOT_AUTHORIZED
                                ? Main.EXIT_SECRET_REFUSED : Main.EXIT_HOST_UNKNOWN, message));
                    }
                });
        connectorRef.set(connector);
        if (settings.cluster().enabled()) {
            try {
                clusterRef.set(ClusterSetup.join(new ClusterSetup.Parts(settings, component, calls, devices, presence,
                        admin, connector, http, metrics)));
            } catch (RuntimeException e) {
                http.close();
                return fail(Main.EXIT_USAGE, "cannot join the cluster on " + settings.cluster().host() + ":"
                        + settings.cluster().port() + " (cluster.host/cluster.port): " + e.getMessage());
            }
        }
        // the hook runs on SIGTERM (drain, then exit 0 as docs/protocol.md §9 says) and on our own exit (close only)
        AtomicBoolean exiting = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean signalled = !exiting.get();
            ClusterNode node = clusterRef.get();
            if (signalled && node != null && node.size() > 1) {
                // the others carry the calls on: the browsers resume there
                calls.stopTakingCalls();
                int n = devices.releaseAll(ClusterSetup.SERVICE_RESTART, "this gateway instance is shutting down;"
                        + " resume on another");
                log.info("shutdown.handed-over devices={} members={}", n, node.size());
            } else if (signalled) {
                Drain.run(calls, Duration.ofSeconds(settings.shutdownGraceSeconds()));
            }
            connector.close();
            if (node != null) {
                node.close();
            }
            try {
                http.close();
            } catch (Exception e) {
                log.debug("http stop", e);
            }
            if (signalled) {
                log.info("shutdown.done");
                out.flush();
                err.flush();
                // a JVM ended by a signal exits 143; everything is handed over, so it is a clean stop
                Runtime.getRuntime().halt(0);
            }
        }, "shutdown"));
        connector.start();
        int code = exit.join();
        exiting.set(true);
        connector.close();
        if (clusterRef.get() != null) {
            clusterRef.get().close();
        }
        http.close();
        return code;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private synchronized void ready(String componentDomain, String ws) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        out.println("READY domain=" + componentDomain + " ws=" + ws);
        // CHECKSTYLE.ON: RegexpSinglelineJava
        out.flush();
    }

    /** The one line a user sees for a problem they must fix (README.md); logs also go to stderr. */
    private int fail(int code, String line) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        err.println("jingle-gateway: " + line);
        // CHECKSTYLE.ON: RegexpSinglelineJava
        err.flush();
        return code;
    }

    private Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "xmpp.host", xmppHost);
        put(m, "xmpp.port", xmppPort);
        put(m, "xmpp.domain", domain);
        put(m, "xmpp.secret", secret);
        put(m, "http.host", httpHost);
        put(m, "http.port", httpPort);
        put(m, "auth.mode", auth);
        put(m, "auth.token-secret", tokenSecret);
        put(m, "admins", admins);
        put(m, "auth.token-issuer", tokenIssuer);
        put(m, "auth.token-audience", tokenAudience);
        put(m, "auth.token-max-lifetime-seconds", tokenMaxLifetime);
        put(m, "cluster.port", clusterPort);
        put(m, "cluster.members", clusterMembers);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
