package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: scripts/quickstart.sh brings up Prosody, the gateway and the StanzaJS page, prints
 * the steps of a first call between two browser tabs, and stops everything. The steps are followed as printed,
 * in headless Chromium (test-harness/js/quickstart-call.mjs), and the call must carry audio and video both ways.
 */
final class QuickstartIT {
    @TempDir
    Path dir;

    private String run(Map<String, String> env, String... args) throws Exception {
        Path output = Files.createTempFile(dir, "quickstart-", ".out");
        ProcessBuilder pb = new ProcessBuilder("bash", "../scripts/quickstart.sh").redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("quickstart.sh " + String.join(" ", args) + " did not finish within 120 s;"
                    + " output " + output + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("quickstart exit code; output (%s):%n%s", output, out).isZero();
        return out;
    }

    /** Runs the printed steps of "A call between two browser tabs" with the URLs, names and password printed. */
    private static void followTheFirstCallSteps(String out) throws Exception {
        String softphone = printed(out, "1\\. Tab 1, [^\\n]*: open (http://\\S+)");
        String user = printed(out, "Type (\\w+) as User");
        String stanza = printed(out, "2\\. Tab 2, [^\\n]*: open (http://\\S+)");
        String password = printed(out, "Log in as alice@localhost with password (\\S+)");
        NodeScript.requireModules("playwright-core");
        NodeScript.Result script = NodeScript.run(Duration.ofSeconds(180), "quickstart-call.mjs", "--softphone",
                softphone, "--stanza", stanza, "--password", password, "--user", user);
        assertThat(script.json("failure")).as("the printed steps, followed: %s", script.describe()).isEmpty();
        assertThat(script.exit()).as(script.describe()).isZero();
        JsonNode media = script.json("result").get(0).path("media");
        for (String tab : List.of("softphone", "stanza")) {
            for (String kind : List.of("audio", "video")) {
                long grew = media.path("after").path(tab).path(kind).asLong()
                        - media.path("before").path(tab).path(kind).asLong();
                assertThat(grew).as("inbound %s bytes in the %s tab: %s", kind, tab, media)
                        .isGreaterThanOrEqualTo("audio".equals(kind) ? 1000 : 5000);
            }
        }
    }

    private static String printed(String out, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("the quickstart printed /%s/:%n%s", regex, out).isTrue();
        return m.group(1);
    }

    private static int status(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void quickstart_printsReadyAndNextSteps_thenStops() throws Exception {
        int gatewayPort = Ports.free();
        int componentPort = Ports.free();
        int prosodyHttpPort = Ports.free();
        Map<String, String> env = Map.of("QS_DIR", dir.toString(), "QS_C2S_PORT", String.valueOf(Ports.free()),
                "QS_COMPONENT_PORT", String.valueOf(componentPort), "QS_PROSODY_HTTP_PORT",
                String.valueOf(prosodyHttpPort), "QS_GATEWAY_HTTP_PORT", String.valueOf(gatewayPort));
        try {
            String out = run(env);
            assertThat(out).contains("READY domain=gw.localhost ws=ws://127.0.0.1:" + gatewayPort + "/ws")
                    .contains("Stop everything with: bash scripts/quickstart.sh stop");
            assertThat(Files.readAllLines(dir.resolve("users.txt"))).hasSize(2)
                    .allMatch(l -> l.matches("(alice|bob)@localhost \\S+"));
            assertThat(Ports.accepting(gatewayPort)).isTrue();
            // the two tabs of the README's first call: the softphone from the gateway, StanzaJS from Prosody
            assertThat(status("http://127.0.0.1:" + gatewayPort + "/")).as("softphone page").isEqualTo(200);
            assertThat(out).contains("http://127.0.0.1:" + prosodyHttpPort + "/files/");
            assertThat(status("http://127.0.0.1:" + prosodyHttpPort + "/files/dist/client.js"))
                    .as("StanzaJS client bundle served by the quickstart's Prosody").isEqualTo(200);
            assertThat(out).as("plain lines, no terminal escape codes").doesNotContain("\u001b");
            followTheFirstCallSteps(out);
        } finally {
            String stopped = run(env, "stop");
            assertThat(stopped).contains("stopped gateway").contains("stopped prosody");
        }
        assertThat(Ports.accepting(gatewayPort)).isFalse();
    }
}
