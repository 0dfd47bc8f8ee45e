package org.jinglegateway.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The lifecycle both real XMPP servers share (Prosody, ejabberd): a temp folder kept after the run, free loopback
 * ports, start and wait until c2s and the component port accept, stop by pid (the process this class started and
 * its children, never anything found by name), restart on the same ports and data, and the log's path and tail
 * printed when a start or a test fails. As a JUnit extension it starts before the class's tests and stops after
 * them. A missing server fails the class with the command that installs it; it is never skipped.
 */
public abstract class ServerProcess implements XmppServer, BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler {
    public static final String VIRTUAL_HOST = "localhost";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PORTS_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String componentDomain;
    private final String componentSecret;
    private final Map<String, String> users;
    private final int c2sPort = Ports.free();
    private final int componentPort = Ports.free();
    private Path dir;
    private Process process;

    protected ServerProcess(String name, Builder<?, ?> b) {
        this.name = name;
        this.componentDomain = b.componentDomain;
        this.componentSecret = b.componentSecret;
        this.users = Map.copyOf(b.users);
    }

    /** The options both servers take: the component entry and the test users. */
    public abstract static class Builder<B extends Builder<B, S>, S extends ServerProcess> {
        private String componentDomain = "gw.localhost";
        private String componentSecret = "test-secret";
        private final Map<String, String> users = new LinkedHashMap<>();

        protected Builder() {
        }

        public B component(String domain, String secret) {
            this.componentDomain = domain;
            this.componentSecret = secret;
            return self();
        }

        public B user(String user, String password) {
            users.put(user, password);
            return self();
        }

        protected abstract B self();

        public abstract S build();
    }

    // ---- what each server does its own way ------------------------------------------------------------------------

    /** The executable that must exist before anything is written (Debian's package installs it). */
    protected abstract Path executable();

    /** The Debian package that provides {@link #executable()}. */
    protected abstract String debianPackage();

    /** First start only: writes the config (and, where the server can, registers the users offline). */
    protected abstract void prepare(Path folder) throws IOException, InterruptedException;

    /** The command that runs the server in the foreground. */
    protected abstract List<String> command();

    /** First start only, once the ports accept (e.g. users registered against the running server). */
    protected void afterFirstStart() throws IOException, InterruptedException {
    }

    /** Asks the running process to stop; {@link #stop()} waits for it and kills the process tree after that. */
    protected void requestStop(Process running) throws IOException, InterruptedException {
        running.toHandle().destroy();
    }

    protected Duration startTimeout() {
        return Duration.ofSeconds(20);
    }

    /** The last lines of a log, as printed on failure (a server may leave out its noise). */
    protected String tail(Path file, int lines) {
        return tailOf(file, lines, line -> true);
    }

    // ---- the shared lifecycle -------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.err.println("[" + name.toLowerCase(Locale.ROOT) + "] test " + context.getDisplayName()
                + " failed; " + name + " log: " + logFile() + "\n" + tail(logFile(), 40));
        // CHECKSTYLE.ON: RegexpSinglelineJava
        throw throwable;
    }

    /** Prepares the folder (first time), starts the server and waits until c2s and the component port accept. */
    public synchronized void start() throws IOException, InterruptedException {
        boolean first = dir == null;
        if (first) {
            if (!Files.isExecutable(executable())) {
                throw new IllegalStateException(name + " is not installed (" + executable() + " missing): run"
                        + " `bash scripts/install-test-deps.sh` or `apt-get install -y " + debianPackage() + "`");
            }
            dir = Files.createTempDirectory("jg-" + debianPackage() + "-");
            prepare(dir);
        }
        process = new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutFile().toFile())).start();
        try {
            Await.until(startTimeout(), name + " to listen on c2s " + c2sPort + " and component " + componentPort,
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue()
                                    + " at start");
                        }
                        return Ports.accepting(c2sPort) && Ports.accepting(componentPort);
                    });
            if (first) {
                afterFirstStart();
            }
        } catch (AssertionError | IllegalStateException e) {
            stop();
            throw new IllegalStateException(name + " did not start: " + e.getMessage() + "; log " + logFile()
                    + ":\n" + tail(logFile(), 30) + "\nstdout (" + stdoutFile() + "):\n"
                    + tailOf(stdoutFile(), 30, line -> true), e);
        }
    }

    /** Stops the server this object started (its pid, then its process tree) and waits until its ports close. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                requestStop(process);
            }
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
            }
        } catch (IOException | RuntimeException e) {
            killTree();
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        process = null;
        Await.until(PORTS_CLOSE_TIMEOUT, name + "'s ports to close",
                () -> !Ports.accepting(componentPort) && !Ports.accepting(c2sPort));
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the server with SIGKILL (no goodbye to its clients or components: the kernel closes their sockets) and
     * waits until its ports close; {@link #start()} brings it back on the same ports with the same data.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        killTree();
        process = null;
        Await.until(PORTS_CLOSE_TIMEOUT, name + "'s ports to close",
                () -> !Ports.accepting(componentPort) && !Ports.accepting(c2sPort));
    }

    /** Stop, then start again on the same ports with the same data (a server restart). */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /**
     * Runs a server tool (prosodyctl, ejabberdctl) to the end with its output in a file: at most 30 s, then its
     * process tree is killed. Returns the output; a non-zero exit fails with the command and the output.
     */
    protected final String runTool(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "tool-", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                    + TOOL_TIMEOUT.toSeconds() + " s: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** The server's temp folder (config, data, logs); null before the first start. */
    protected final Path dir() {
        return dir;
    }

    protected final Map<String, String> users() {
        return users;
    }

    /** Where the server's own standard output and error go. */
    protected final Path stdoutFile() {
        return dir.resolve("stdout.log");
    }

    /** The last {@code lines} lines of a file that {@code keep} accepts. */
    protected static String tailOf(Path file, int lines, Predicate<String> keep) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(keep).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        } catch (UncheckedIOException e) {
            return "(cannot read " + file + ")";
        }
    }

    @Override
    public String virtualHost() {
        return VIRTUAL_HOST;
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    @Override
    public String componentDomain() {
        return componentDomain;
    }

    @Override
    public String componentSecret() {
        return componentSecret;
    }

    @Override
    public String toString() {
        return name + " (c2s " + c2sPort + ", component " + componentPort + ", log " + logFile() + ")";
    }
}
