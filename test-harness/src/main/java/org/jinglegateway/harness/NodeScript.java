package org.jinglegateway.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of test-harness/js's node scripts (browser drivers, the SDP checker) to its end, the one way the ITs do
 * it: standard output and standard error go to files (never pipes that a hung browser could leave unread), the
 * wait has a timeout after which the script and its children (the browsers) are killed, and every failure names
 * both files and prints the end of standard error. The scripts' conventions: one JSON object per stdout line,
 * exit 0 when all went well, 1 when a step failed, 2 when a browser cannot start or the script was misused.
 */
public final class NodeScript {
    private static final Path JS = Path.of("js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_LINES = 40;

    private NodeScript() {
    }

    /**
     * What a finished script left.
     *
     * @param script the script, relative to test-harness
     * @param exit   its exit status
     * @param stdout the file with its standard output
     * @param stderr the file with its standard error
     */
    public record Result(String script, int exit, Path stdout, Path stderr) {
        /** The JSON objects it printed, one per line; other lines are skipped. */
        public List<JsonNode> json() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : read(stdout).lines().toList()) {
                if (line.startsWith("{")) {
                    try {
                        out.add(JSON.readTree(line));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError(script + " printed a line that is not JSON (" + stdout + "): "
                                + line, e);
                    }
                }
            }
            return out;
        }

        /** The JSON lines whose {@code type} is this (e.g. {@code result}, {@code setup}). */
        public List<JsonNode> json(String type) {
            return json().stream().filter(n -> type.equals(n.path("type").asText())).toList();
        }

        public String stderrText() {
            return read(stderr);
        }

        /** For assertion messages: the exit, both files and the end of standard error. */
        public String describe() {
            return script + " exited " + exit + "; stdout " + stdout + ", stderr " + stderr + "; last lines of"
                    + " stderr:\n" + tail(stderr);
        }
    }

    /** Fails with the fix when test-harness/js/node_modules lacks one of these packages. */
    public static void requireModules(String... modules) {
        for (String module : modules) {
            if (!Files.isDirectory(JS.resolve("node_modules").resolve(module))) {
                throw new IllegalStateException("test-harness/js/node_modules/" + module + " is missing: run `bash"
                        + " scripts/install-test-deps.sh` (npm ci in test-harness/js, and the browsers)");
            }
        }
    }

    /** Fails with the fix when a browser executable is missing. */
    public static void requireExecutable(Path executable, String what, String envOverride) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(what + " is missing at " + executable + ": run `bash"
                    + " scripts/install-test-deps.sh` or set " + envOverride);
        }
    }

    /**
     * Runs {@code node js/<script> args...} in test-harness and waits at most {@code timeout}. A script that does
     * not finish is killed with its children and fails the test; exit 2 (no browser, or misuse) fails it too.
     * Other exits are returned for the test to judge.
     */
    public static Result run(Duration timeout, String script, String... args) throws IOException,
            InterruptedException {
        return launch(script, List.of(args)).await(timeout);
    }

    /**
     * Starts a script that the test steps through: it gets {@code --gate DIR}, prints
     * {@code {"type":"phase","name":...}} when it reaches a phase, and waits there until the test
     * {@link Running#release releases} that phase (a file of that name appears in DIR).
     */
    public static Running start(String script, String... args) throws IOException {
        Path gate = Files.createTempDirectory("jg-gate-");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--gate", gate.toString()));
        Running running = launch(script, all);
        return new Running(running.script, running.process, running.stdout, running.stderr, gate);
    }

    private static Running launch(String script, List<String> args) throws IOException {
        String path = JS.resolve(script).toString();
        List<String> command = new ArrayList<>(List.of("node", path));
        command.addAll(args);
        Path dir = Files.createTempDirectory("jg-node-" + script.replaceAll("\\W", "-") + "-");
        Path out = dir.resolve("stdout.jsonl");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Running(path, p, out, err, null);
    }

    /** A script under way. */
    public record Running(String script, Process process, Path stdout, Path stderr, Path gate) {
        /** Waits until the script reaches a phase; fails with its output when it ends or fails first. */
        public JsonNode awaitPhase(String name, Duration timeout) {
            Result so = new Result(script, -1, stdout, stderr);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (JsonNode n : so.json()) {
                    if ("phase".equals(n.path("type").asText()) && name.equals(n.path("name").asText())) {
                        return n;
                    }
                    if ("failure".equals(n.path("type").asText())) {
                        throw new AssertionError(script + " failed before phase " + name + ": " + n + "; "
                                + so.describe());
                    }
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(script + " did not reach phase " + name + " (alive: "
                            + process.isAlive() + "); " + so.describe());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        /** Lets the script go on past a phase. */
        public void release(String name) throws IOException {
            Files.writeString(gate.resolve(name), "go\n", StandardCharsets.UTF_8);
        }

        /** Waits for the end, as {@link NodeScript#run} does. */
        public Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(script + " did not finish within " + timeout.toSeconds() + " s and was"
                        + " killed (pid " + process.pid() + "); stdout " + stdout + ", stderr " + stderr
                        + "; last lines of stderr:\n" + tail(stderr));
            }
            Result result = new Result(script, process.exitValue(), stdout, stderr);
            if (result.exit() == 2) {
                throw new IllegalStateException(script + " could not start its browser or was misused: "
                        + result.describe());
            }
            return result;
        }

        /** Kills the script and its browsers (a test that failed half way). */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ")";
        }
    }
}
