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
        String path = JS.resolve(script).toString();
        List<String> command = new ArrayList<>(List.of("node", path));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("jg-node-" + script.replaceAll("\\W", "-") + "-");
        Path out = dir.resolve("stdout.jsonl");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(path + " did not finish within " + timeout.toSeconds() + " s and was killed"
                    + " (pid " + p.pid() + "); stdout " + out + ", stderr " + err + "; last lines of stderr:\n"
                    + tail(err));
        }
        Result result = new Result(path, p.exitValue(), out, err);
        if (result.exit() == 2) {
            throw new IllegalStateException(path + " could not start its browser or was misused: "
                    + result.describe());
        }
        return result;
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
