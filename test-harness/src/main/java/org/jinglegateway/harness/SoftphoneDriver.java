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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One softphone page in headless Chromium, driven a command at a time by test-harness/js/phone-driver.mjs: for
 * tests that take turns between the browser and something else (a desktop client clicked with xdotool). Each
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
            throw new IllegalStateException("phone-driver.mjs did not get ready: " + ready + "; stderr " + stderr);
        }
        this.jid = ready.path("jid").asText();
    }

    /** Opens the page at {@code pageUrl} and registers {@code user}; returns once the page is registered. */
    public static SoftphoneDriver open(String pageUrl, String user) throws IOException, InterruptedException {
        NodeScript.requireModules("playwright-core");
        Path dir = Files.createTempDirectory("jg-phone-driver-");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(List.of("node", Path.of("js", "phone-driver.mjs").toString(), "--page", pageUrl,
                "--user", user)).redirectError(err.toFile()).start();
        return new SoftphoneDriver(p, err);
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
                    + describePage(reply.path("page")) + "\nphone-driver.mjs stderr: " + stderr);
        }
        return reply;
    }

    private JsonNode next() throws InterruptedException {
        String line = lines.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("phone-driver.mjs gave no answer within " + REPLY_TIMEOUT.toSeconds()
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
