package org.jinglegateway.harness.e2e.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.client.Inbox;

/**
 * The real-browser bystander: {@code js/media-bystander.mjs} holds two softphone pages in headless Chromium in an
 * audio call through the gateway and prints both pages' inbound byte counters each time it is asked, so a test can
 * ask "still flowing?" after each attack.
 */
final class MediaBystander implements AutoCloseable {
    static final String CALLER = "mia";
    static final String CALLEE = "noah";
    private static final Path SCRIPT = Path.of("js/media-bystander.mjs");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration SETUP = Duration.ofSeconds(90);
    /** The script waits up to 10 s for growth before it answers. */
    private static final Duration ANSWER = Duration.ofSeconds(25);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final Path stderr;
    private final Inbox<JsonNode> lines = new Inbox<>("media-bystander.mjs");
    private JsonNode last;

    private MediaBystander(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{")) {
                        lines.add(parse(line));
                    }
                }
            } catch (IOException ignored) {
                // the script ended
            }
        }, "media-bystander-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the script and waits until the call is connected and audio flows both ways. */
    static MediaBystander start(String pageUrl, String domain) throws IOException {
        if (!Files.isDirectory(Path.of("js/node_modules/playwright-core"))) {
            throw new IllegalStateException("test-harness/js/node_modules/playwright-core is missing: run `npm ci` in"
                    + " test-harness/js (scripts/install-test-deps.sh does)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium is missing at " + CHROMIUM + ": run `bash"
                    + " scripts/install-test-deps.sh` or set CHROMIUM_PATH");
        }
        Path err = Files.createTempFile("jg-media-bystander-", ".err");
        Process p = new ProcessBuilder("node", SCRIPT.toString(), "--page", pageUrl, "--domain", domain,
                "--caller", CALLER, "--callee", CALLEE).redirectError(err.toFile()).start();
        MediaBystander m = new MediaBystander(p, err);
        try {
            m.last = m.next("ready", SETUP);
        } catch (RuntimeException | AssertionError e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** The last answer: {@code pages.<name>.{state, connectionState, inbound.audio, lastHangup}}. */
    JsonNode last() {
        return last;
    }

    /** Asks for a sample after the media has had time to grow; returns {previous, current}. */
    JsonNode[] sample() throws IOException {
        JsonNode previous = last;
        last = ask("sample");
        return new JsonNode[] {previous, last};
    }

    /** The pages' state now, without waiting for media (for a call that should have ended). */
    JsonNode state() throws IOException {
        last = ask("state");
        return last;
    }

    private JsonNode ask(String command) throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("media-bystander.mjs exited with " + process.exitValue() + "; stderr "
                    + stderr + ":\n" + tail());
        }
        stdin.write(command + "\n");
        stdin.flush();
        return next(command, ANSWER);
    }

    private JsonNode next(String type, Duration timeout) {
        JsonNode line = lines.await(n -> type.equals(n.path("type").asText()) || "failure".equals(n.path("type")
                .asText()), timeout, "a \"" + type + "\" line from media-bystander.mjs (stderr " + stderr + ")");
        if ("failure".equals(line.path("type").asText())) {
            throw new AssertionError("media-bystander.mjs failed at \"" + line.path("step").asText() + "\": "
                    + line.path("error").asText() + "\npages: " + line.path("pages") + "\nstderr " + stderr + ":\n"
                    + tail());
        }
        return line;
    }

    private String tail() {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("type", "(not JSON)").put("text", line);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stdin.write("quit\n");
                stdin.flush();
                stdin.close();
            }
        } catch (IOException ignored) {
            // the script is gone already
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "media bystander (" + CALLER + " calls " + CALLEE + " in Chromium; stderr " + stderr + ")";
    }
}
