package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The softphone page the gateway serves at {@code /}, in real headless Chromium: two pages (alice and carol, both
 * browser users on the gateway's own domain) call each other, so the gateway translates SDP to Jingle and back on
 * the way (docs/calls.md, "Calls between two browser users"). test-harness/js/browser-call.mjs drives the pages
 * through their buttons and reports their own RTCPeerConnection stats (window.softphone); this class asserts on
 * them. Call-setup times (the call button to both pages' connectionState {@code connected}) are printed, never
 * asserted (STYLE.md §9). Media stays on this machine: no ICE servers, no mDNS candidates, fake devices.
 */
final class BrowserCallIT {
    private static final String DOMAIN = "gw.localhost";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(240);
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final int REPEATED_CALLS = 5;
    /** Bytes one side must receive between two samples for a kind to count as flowing (browser-call.mjs). */
    private static final long MIN_AUDIO_GROWTH = 1000;
    private static final long MIN_VIDEO_GROWTH = 5000;

    private static final List<Long> SETUP_TIMES = new CopyOnWriteArrayList<>();
    private static GatewayProcess gateway;
    private static String pageUrl;

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().build();

    @RegisterExtension
    static final TestExecutionExceptionHandler gatewayLog = GatewayProcess.logOnFailure(() -> gateway);

    /** What one run of browser-call.mjs printed: its setup lines and its result line. */
    private record Run(List<Long> setupMs, JsonNode result) {
    }

    @BeforeAll
    static void startGateway() throws Exception {
        requireBrowserTooling();
        gateway = GatewayProcess.on(prosody).domain(DOMAIN).auth("none").startReady();
        // the page is served by the same listener, at its root
        pageUrl = gateway.ready().http().toString();
    }

    @AfterAll
    static void stopGatewayAndPrintSetupTimes() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (!SETUP_TIMES.isEmpty()) {
            List<Long> sorted = SETUP_TIMES.stream().sorted().toList();
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.out.println("[browser-call] call setup (call -> both connected) over " + sorted.size()
                    + " calls: median " + median(sorted) + " ms, min " + sorted.get(0) + " ms, max "
                    + sorted.get(sorted.size() - 1) + " ms; each: " + SETUP_TIMES);
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
    }

    @Test
    void videoCall_connectsCarriesMediaThroughIceRestartsBothWaysAndEndsOnBothPagesWithSuccess() throws Exception {
        JsonNode r = run("video", 1).result();

        assertThat(r.path("ringMedia").asText()).as("carol's ring lists the offered media").isEqualTo("audio, video");
        for (String page : List.of("alice", "carol")) {
            assertThat(r.path("connected").path(page).path("connectionState").asText())
                    .as("%s's connectionState", page).isEqualTo("connected");
        }
        assertMediaGrew(r.path("media"), "after the call connected", true);

        JsonNode callerRestart = r.path("callerRestart");
        assertUfragsChanged(callerRestart, "alice's ICE restart");
        assertMediaGrew(r.path("afterCallerRestart"), "after alice's ICE restart", true);
        assertNewPairSelected(r.path("media"), r.path("afterCallerRestart"), "alice's ICE restart");

        JsonNode calleeRestart = r.path("calleeRestart");
        assertUfragsChanged(calleeRestart, "carol's ICE restart");
        assertMediaGrew(r.path("afterCalleeRestart"), "after carol's ICE restart", true);
        assertNewPairSelected(r.path("afterCallerRestart"), r.path("afterCalleeRestart"), "carol's ICE restart");

        assertSameEnding(r.path("hangup"), "alice", "carol");
    }

    @Test
    void audioOnlyCall_carriesAudioAndNoVideoAndCalleeHangupReachesBothPages() throws Exception {
        JsonNode r = run("audio", 1).result();

        assertThat(r.path("ringMedia").asText()).as("carol's ring lists the offered media").isEqualTo("audio");
        for (String page : List.of("alice", "carol")) {
            assertThat(r.path("connected").path(page).path("connectionState").asText())
                    .as("%s's connectionState", page).isEqualTo("connected");
            assertThat(r.path("media").path("after").path(page).path("inbound").path("video").asLong())
                    .as("%s receives no video in an audio-only call", page).isZero();
        }
        assertMediaGrew(r.path("media"), "in the audio-only call", false);
        assertSameEnding(r.path("hangup"), "carol", "alice");
    }

    @Test
    void repeatedVideoCalls_eachConnectsAndEndsOnBothPagesWithSuccess() throws Exception {
        Run run = run("repeat", REPEATED_CALLS);
        assertThat(run.setupMs()).as("one setup time per call").hasSize(REPEATED_CALLS).allMatch(ms -> ms > 0);
        assertThat(run.result().path("setupMs")).hasSize(REPEATED_CALLS);
        JsonNode hangups = run.result().path("hangups");
        assertThat(hangups).as("one hangup result per call").hasSize(REPEATED_CALLS);
        for (int i = 0; i < REPEATED_CALLS; i++) {
            JsonNode hangup = hangups.get(i);
            // browser-call.mjs alternates who hangs up: alice on odd runs, carol on even ones
            String by = i % 2 == 0 ? "alice" : "carol";
            assertThat(hangup.path("run").asInt()).as("hangup #%d", i + 1).isEqualTo(i + 1);
            assertThat(hangup.path("by").asText()).as("who hung up call #%d", i + 1).isEqualTo(by);
            assertSameEnding(hangup.path("pages"), by, "alice".equals(by) ? "carol" : "alice");
        }
    }

    // ---- assertions on the pages' own stats --------------------------------------------------------------------

    private static void assertMediaGrew(JsonNode sample, String when, boolean video) {
        for (String page : List.of("alice", "carol")) {
            JsonNode before = sample.path("before").path(page);
            JsonNode after = sample.path("after").path(page);
            assertThat(after.path("connectionState").asText()).as("%s's connectionState %s", page, when)
                    .isEqualTo("connected");
            assertThat(grown(before, after, "audio")).as("inbound audio bytes on %s's page %s (%s -> %s)", page,
                    when, before.path("inbound"), after.path("inbound")).isGreaterThanOrEqualTo(MIN_AUDIO_GROWTH);
            if (video) {
                assertThat(grown(before, after, "video")).as("inbound video bytes on %s's page %s (%s -> %s)", page,
                        when, before.path("inbound"), after.path("inbound")).isGreaterThanOrEqualTo(MIN_VIDEO_GROWTH);
            }
        }
    }

    private static long grown(JsonNode before, JsonNode after, String kind) {
        return after.path("inbound").path(kind).asLong() - before.path("inbound").path(kind).asLong();
    }

    private static void assertUfragsChanged(JsonNode restart, String which) {
        for (String page : List.of("alice", "carol")) {
            String before = restart.path("ufragsBefore").path(page).asText();
            String after = restart.path("ufragsAfter").path(page).asText();
            assertThat(before).as("%s's local ufrag before %s", page, which).isNotBlank();
            assertThat(after).as("%s's local ufrag after %s (RFC 8839 §4.4.1.1.1: a restart changes it)", page,
                    which).isNotBlank().isNotEqualTo(before);
        }
    }

    /**
     * Chromium counts selected-pair switches per transport: the new ICE generation must have taken over. Only the
     * nominating agent has to switch (the other page's Chromium often keeps counting the pair it had, with the same
     * addresses), so the two pages' switches are counted together, as browser-call.mjs waits for them.
     */
    private static void assertNewPairSelected(JsonNode earlier, JsonNode later, String which) {
        assertThat(switches(later)).as("selected candidate pair switches on both pages after %s", which)
                .isGreaterThan(switches(earlier));
    }

    private static long switches(JsonNode sample) {
        return sample.path("after").path("alice").path("selectedCandidatePairChanges").asLong()
                + sample.path("after").path("carol").path("selectedCandidatePairChanges").asLong();
    }

    private static void assertSameEnding(JsonNode hangup, String by, String other) {
        assertThat(hangup.path(by).path("by").asText()).as("%s hung up", by).isEqualTo("local");
        assertThat(hangup.path(other).path("by").asText()).as("%s was hung up on", other).isEqualTo("remote");
        assertThat(hangup.path(by).path("reason").asText()).as("%s's reason", by).isEqualTo("success");
        assertThat(hangup.path(other).path("reason").asText()).as("%s's reason (from the hangup frame)", other)
                .isEqualTo(hangup.path(by).path("reason").asText());
    }

    // ---- running browser-call.mjs ------------------------------------------------------------------------------

    private static void requireBrowserTooling() {
        NodeScript.requireModules("playwright-core");
        NodeScript.requireExecutable(CHROMIUM, "Chromium", "CHROMIUM_PATH");
    }

    private static Run run(String scenario, int runs) throws IOException, InterruptedException {
        NodeScript.Result script = NodeScript.run(NODE_TIMEOUT, "browser-call.mjs", "--page", pageUrl,
                "--scenario", scenario, "--runs", String.valueOf(runs), "--domain", DOMAIN);
        for (JsonNode failure : script.json("failure")) {
            throw new AssertionError(describeFailure(failure, script));
        }
        List<Long> setups = new ArrayList<>();
        for (JsonNode setup : script.json("setup")) {
            long ms = setup.path("ms").asLong();
            setups.add(ms);
            SETUP_TIMES.add(ms);
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.out.println("[browser-call] " + scenario + " run " + setup.path("run").asInt() + ": call setup "
                    + ms + " ms");
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
        assertThat(script.exit()).as("browser-call.mjs exit status: %s", script.describe()).isZero();
        List<JsonNode> results = script.json("result");
        assertThat(results).as("one result line from browser-call.mjs: %s", script.describe()).hasSize(1);
        if (setups.size() > 1) {
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            System.out.println("[browser-call] " + scenario + ": median call setup "
                    + median(setups.stream().sorted().toList()) + " ms over " + setups.size() + " calls");
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
        return new Run(List.copyOf(setups), results.get(0));
    }

    /** The step that failed, and the SDP each page holds: what the gateway's translation made of the call. */
    private static String describeFailure(JsonNode failure, NodeScript.Result script) {
        StringBuilder b = new StringBuilder("browser-call.mjs failed at step \"").append(failure.path("step").asText())
                .append("\": ").append(failure.path("error").asText()).append('\n');
        failure.path("pages").fields().forEachRemaining(page -> {
            JsonNode p = page.getValue();
            b.append("---- ").append(page.getKey()).append(": state ").append(p.path("state").asText())
                    .append(", last error ").append(p.path("lastError")).append(", last hangup ")
                    .append(p.path("lastHangup")).append('\n');
            b.append("local description:\n").append(p.path("descriptions").path("local").asText("(none)"))
                    .append('\n');
            b.append("remote description:\n").append(p.path("descriptions").path("remote").asText("(none)"))
                    .append('\n');
            b.append("events:\n");
            p.path("events").forEach(e -> b.append("  ").append(e.asText()).append('\n'));
        });
        b.append("---- gateway log: ").append(gateway.logFile()).append("\n---- ").append(script.describe());
        return b.toString();
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
