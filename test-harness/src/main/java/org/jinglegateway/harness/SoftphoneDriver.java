package org.jinglegateway.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One softphone page in headless Chromium, driven a command at a time by test-harness/js/phone-driver.mjs: for
 * tests that take turns between the browser and something else (a desktop client clicked with xdotool, a gateway
 * instance killed mid-call: {@link #start} runs another driver script of the same kind, cluster-call.mjs). Each
 * {@link #send} writes one JSON command line and returns the script's reply line; a reply with {@code ok: false}
 * fails with the step, the page's SDP and its last events. {@link #close()} quits the script and kills its process
 * tree by pid.
 */
public final class SoftphoneDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderr;
    private final String jid;
    private final JsonNode ready;

    private SoftphoneDriver(Process process, Path stderr) throws IOException, InterruptedException {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("{\"type\":\"closed\",\"error\":\"" + e.getMessage() + "\"}");
            }
        }, "phone-driver-stdout");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = next();
        if (!"ready".equals(ready.path("type").asText())) {
            close();
            throw new IllegalStateException("the driver script did not get ready: " + ready + "; stderr " + stderr);
        }
        this.jid = ready.path("jid").asText();
        this.ready = ready;
    }

    /** Opens the page at {@code pageUrl} and registers {@code user}; returns once the page is registered. */
    public static SoftphoneDriver open(String pageUrl, String user) throws IOException, InterruptedException {
        return start("phone-driver.mjs", "--page", pageUrl, "--user", user);
    }

    /**
     * Runs another driver script of test-harness/js that speaks the same lines (a {@code ready} line with
     * {@code jid}, then one reply per command); returns once it is ready.
     */
    public static SoftphoneDriver start(String script, String... args) throws IOException, InterruptedException {
        NodeScript.requireModules("playwright-core");
        Path dir = Files.createTempDirectory("jg-phone-driver-");
        Path err = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of("node", Path.of("js", script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new SoftphoneDriver(p, err);
    }

    /** The script's ready line (the softphone's {@code jid} and whatever else the script reports). */
    public JsonNode ready() {
        return ready;
    }

    /** Where the script's standard error (the pages' console) goes. */
    public Path stderr() {
        return stderr;
    }

    /** The device's full JID on the gateway. */
    public String jid() {
        return jid;
    }

    /** Sends {@code {"cmd": cmd, ...fields}} and returns the successful reply. */
    public JsonNode send(String cmd, Object... fields) throws IOException, InterruptedException {
        ObjectNode c = JSON.createObjectNode().put("cmd", cmd);
        for (int i = 0; i < fields.length; i += 2) {
            c.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        stdin.write((JSON.writeValueAsString(c) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        JsonNode reply = next();
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError("softphone step " + cmd + " failed: " + reply.path("error").asText()
                    + describePage(reply.path("page")) + "\ndriver script stderr: " + stderr);
        }
        return reply;
    }

    private JsonNode next() throws InterruptedException {
        String line = lines.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("the driver script gave no answer within " + REPLY_TIMEOUT.toSeconds()
                    + " s (alive: " + process.isAlive() + "); stderr " + stderr);
        }
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return next();
        }
    }

    private static String describePage(JsonNode page) {
        if (page.isMissingNode()) {
            return "";
        }
        if (!page.has("state")) {
            // a script with several pages: each as it reported itself
            StringBuilder b = new StringBuilder();
            page.fields().forEachRemaining(e -> b.append("\n").append(e.getKey()).append(": ")
                    .append(e.getValue().toPrettyString()));
            return b.toString();
        }
        StringBuilder b = new StringBuilder("\npage state ").append(page.path("state").asText())
                .append(", last hangup ").append(page.path("lastHangup")).append(", last error ")
                .append(page.path("lastError")).append("\nlocal description:\n")
                .append(page.path("descriptions").path("local").asText("(none)"))
                .append("\nremote description:\n").append(page.path("descriptions").path("remote").asText("(none)"))
                .append("\nevents:\n");
        page.path("events").forEach(e -> b.append("  ").append(e.asText()).append('\n'));
        return b.toString();
    }

    @Override
    public void close() {
        try {
            stdin.write("{\"cmd\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            stdin.close();
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // already gone: killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
