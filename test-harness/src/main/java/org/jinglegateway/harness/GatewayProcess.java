package org.jinglegateway.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a user runs it: {@code java -jar component/target/jingle-gateway.jar run ...} in its own
 * process. Standard output lines are collected (READY lines counted); standard error goes to a log file whose
 * path {@link #toString()} names.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    private GatewayProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The runnable jar: the {@code gateway.jar} system property (set by the pom), else the reactor path. */
    public static Path jar() {
        String configured = System.getProperty("gateway.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("../component/target/jingle-gateway.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway jar " + jar.toAbsolutePath() + " is missing: run `mvn -B"
                    + " -DskipTests package` first");
        }
        return jar;
    }

    /** Starts {@code run} with these arguments (e.g. {@code --xmpp-port 5347 --secret s}). */
    public static GatewayProcess run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString(), "run"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("jg-gateway-", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new GatewayProcess(p, log);
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public long readyCount() {
        return stdout.stream().filter(l -> l.startsWith("READY ")).count();
    }

    /** Waits for the n-th READY line and returns it. */
    public String awaitReady(int n, Duration timeout) {
        Await.until(timeout, "READY line #" + n + " from the gateway (log " + stderr + ")", () -> {
            if (!process.isAlive() && readyCount() < n) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + " before READY #" + n
                        + "; stderr:\n" + stderrText());
            }
            return readyCount() >= n;
        });
        return stdout.stream().filter(l -> l.startsWith("READY ")).skip(n - 1L).findFirst().orElseThrow();
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway did not exit within " + timeout.toSeconds() + " s (log " + stderr
                    + ")");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + stderr + ")";
        }
    }

    public Path stderrFile() {
        return stderr;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return "gateway pid " + process.pid() + " (log " + stderr + ")";
    }
}
