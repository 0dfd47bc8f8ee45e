package org.jinglegateway.harness.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.SoftAssertions;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * What the hostile-input suite attacks, started once per class: a real Prosody, the gateway jar on it, and the
 * real-browser bystander call. Every use of the harness launchers (ProsodyServer, GatewayProcess) is here, so the
 * suite follows them in one place when they change.
 *
 * <p>Before each test it notes how many READY lines the gateway has printed and starts polling {@code /health}
 * (every 100 ms); {@link #checkUnharmed} then says whether the XEP-0114 link went down during the test.
 */
final class HostileStage implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        TestExecutionExceptionHandler {
    static final String DOMAIN = "gw.localhost";
    private static final Duration HEALTH_EVERY = Duration.ofMillis(100);
    /** Generous: the machine is busy during a flood, and a slow answer is not a failed link. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STEP = Duration.ofSeconds(5);

    private final ProsodyServer prosody = ProsodyServer.builder().user("bob", "bob-pw").user("dave", "dave-pw")
            .user("mallory", "mallory-pw").build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> healthFailures = new CopyOnWriteArrayList<>();
    private final AtomicInteger healthPolls = new AtomicInteger();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hostile-health");
        t.setDaemon(true);
        return t;
    });
    private GatewayProcess gateway;
    private MediaBystander media;
    private String wsUrl;
    private String httpBase;
    private long readyAtStart;
    private ScheduledFuture<?> healthWatch;

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        prosody.start();
        gateway = GatewayProcess.on(prosody).domain(DOMAIN).auth("none").startReady();
        wsUrl = gateway.ready().ws().toString();
        httpBase = gateway.ready().http().toString().replaceAll("/$", "");
        media = MediaBystander.start(httpBase + "/", DOMAIN);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        poller.shutdownNow();
        try {
            if (media != null) {
                media.close();
            }
        } finally {
            try {
                if (gateway != null) {
                    gateway.close();
                }
            } finally {
                prosody.stop();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (healthWatch != null) {
            healthWatch.cancel(false);
        }
        // an earlier attack that broke the link may still have the gateway reconnecting: each test starts on a
        // registered component, so what it sees is its own attack's doing
        Await.until(Duration.ofSeconds(30), "the gateway registered with Prosody (/health 200) before the test",
                () -> healthStatus() == 200);
        readyAtStart = gateway.readyCount();
        healthFailures.clear();
        healthPolls.set(0);
        healthWatch = poller.scheduleAtFixedRate(this::pollHealth, 0, HEALTH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.err.println("[hostile] test " + context.getDisplayName() + " failed; gateway log: "
                + (gateway == null ? "(not started)" : gateway.logFile()) + ", Prosody log: " + prosody.logFile()
                + (media == null ? "" : ", " + media));
        // CHECKSTYLE.ON: RegexpSinglelineJava
        throw failure;
    }

    private int healthStatus() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(httpBase + "/health")).timeout(HEALTH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void pollHealth() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/health"))
                    .timeout(HEALTH_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                healthFailures.add(LocalTime.now() + " " + r.statusCode() + " " + r.body().strip());
            }
        } catch (IOException e) {
            healthFailures.add(LocalTime.now() + " " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        healthPolls.incrementAndGet();
    }

    // ---- the things under attack -------------------------------------------------------------------------------

    String wsUrl() {
        return wsUrl;
    }

    /** {@code http://127.0.0.1:PORT}: the page's origin and the base of /health. */
    String httpBase() {
        return httpBase;
    }

    /** A registered browser page (auth none): its socket and its full JID. */
    record Page(BrowserSocket ws, String jid) implements AutoCloseable {
        JsonNode await(String type) {
            return ws.await(type, STEP);
        }

        void send(Object... keysAndValues) {
            Map<String, Object> frame = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                frame.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            ws.send(frame);
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    Page register(String user) throws Exception {
        BrowserSocket ws = BrowserSocket.open(user, wsUrl);
        try {
            ws.send(Map.of("type", "register", "user", user));
            String jid = ws.await("registered", STEP).path("jid").asText();
            assertThat(jid).as("registered jid").startsWith(user + "@" + DOMAIN + "/");
            return new Page(ws, jid);
        } catch (RuntimeException | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    /** A Prosody user's Jingle client (bob, dave, mallory; password {@code <user>-pw}). */
    JinglePeer login(String user) throws Exception {
        return JinglePeer.login(prosody, user, user + "-pw");
    }

    XmppTestClient client(String user) throws Exception {
        return XmppTestClient.login(prosody, user, user + "-pw");
    }

    /** Dave (XMPP) in an answered call with erin's page, set up before the attack. */
    SignalingBystander bystander() throws Exception {
        JinglePeer dave = login("dave");
        Page erin;
        try {
            erin = register("erin");
        } catch (Exception | AssertionError e) {
            dave.close();
            throw e;
        }
        try {
            return SignalingBystander.establish(dave, erin.ws(), erin.jid(), unique("bystander"));
        } catch (RuntimeException e) {
            erin.close();
            dave.close();
            throw e;
        }
    }

    MediaBystander media() {
        return media;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The gateway's heap in use, in MiB: Micrometer's {@code jvm_memory_used_bytes} on /metrics (-1 if unread). */
    long heapUsedMib() {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/metrics")).timeout(HEALTH_TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            double bytes = body.lines()
                    .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            return (long) (bytes / (1024 * 1024));
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---- what every attack must leave alone --------------------------------------------------------------------

    /**
     * The XEP-0114 link never went down during this test (no new READY line, {@code /health} 200 at every poll), the
     * signaling bystander still signals, and media still flows between the two Chromium pages.
     */
    void checkUnharmed(SoftAssertions softly, SignalingBystander bystander) {
        checkLinkStayedUp(softly);
        bystander.checkAlive(softly);
        attempt(softly, "media bystander", () -> {
            JsonNode[] s = media.sample();
            for (String page : List.of(MediaBystander.CALLER, MediaBystander.CALLEE)) {
                JsonNode before = s[0].path("pages").path(page);
                JsonNode after = s[1].path("pages").path(page);
                assertThat(after.path("state").asText()).as("media bystander: %s's call state (last hangup %s)", page,
                        after.path("lastHangup")).isEqualTo("active");
                assertThat(after.path("connectionState").asText()).as("media bystander: %s's connectionState", page)
                        .isEqualTo("connected");
                assertThat(after.path("inbound").path("audio").asLong() - before.path("inbound").path("audio").asLong())
                        .as("media bystander: inbound audio bytes on %s's page since the last sample (%s -> %s)", page,
                                before.path("inbound"), after.path("inbound")).isGreaterThanOrEqualTo(1000);
            }
        });
    }

    void checkLinkStayedUp(SoftAssertions softly) {
        // a last poll after the attack, so a drop at its very end is seen too
        pollHealth();
        softly.assertThat(gateway.readyCount() - readyAtStart)
                .as("READY lines printed during the test (a new one means the XEP-0114 link was re-established)")
                .isZero();
        List<String> failures = List.copyOf(healthFailures);
        softly.assertThat(failures.size()).as("/health polls (every %d ms) not answered 200 during the test, of %d;"
                + " the first: %s", HEALTH_EVERY.toMillis(), healthPolls.get(),
                failures.subList(0, Math.min(3, failures.size()))).isZero();
    }

    /** Runs a step that may throw (an XMPP round trip); a failure is collected with what was being done. */
    static void attempt(SoftAssertions softly, String what, ThrowingStep step) {
        try {
            step.run();
        } catch (AssertionError e) {
            softly.fail(what + ": " + e.getMessage());
        } catch (Exception e) {
            softly.fail(what + " failed: " + e);
        }
    }

    /** A step of a scenario that may throw anything. */
    @FunctionalInterface
    interface ThrowingStep {
        void run() throws Exception;
    }

    // ---- SIGTERM -----------------------------------------------------------------------------------------------

    /** Sends SIGTERM to the gateway process (ProcessHandle.destroy is SIGTERM on Linux). */
    void sigterm() {
        Optional<ProcessHandle> handle = ProcessHandle.of(gateway.pid());
        assertThat(handle).as("the gateway process (%s)", gateway).isPresent();
        assertThat(handle.get().destroy()).as("SIGTERM delivered to %s", gateway).isTrue();
    }

    int awaitGatewayExit(Duration timeout) throws InterruptedException {
        return gateway.awaitExit(timeout);
    }

    String gatewayLog() {
        return gateway.logFile().toString();
    }
}
