package org.jinglegateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench [--seconds N] FILE...} (README.md): the mapper on the user's own samples, single-threaded,
 * after a warm-up, string in to string out. {@code .sdp}: SDP to Jingle XML; {@code .xml}: Jingle XML to SDP.
 * For careful figures use the JMH benchmark in test-harness (docs/benchmarks.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the mapper on your own .sdp and .xml samples.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", description = "measuring time per file (default 3; the warm-up is as long)")
    int seconds = 3;
    @Option(names = "--cpu-time", description = "warm up, measure and divide by the CPU time of the measuring"
            + " thread instead of the wall-clock time (on a machine shared with other work, where the wall clock also"
            + " measures the other work, and the process's CPU time the JIT compiler fighting for a core; node"
            + " test-harness/js/bench-anchors.mjs has the same option)")
    boolean cpuTime;
    @Option(names = "--model-path", description = "SDP to Jingle through the models (parse, translate, write),"
            + " as before the direct path for browsers' SDP (docs/benchmarks.md, round 4): to compare the two")
    boolean modelPath;
    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".sdp or .xml files")
    List<Path> files;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    /** Every result's length is added to sink and published here, so the JIT cannot drop the measured work. */
    private static volatile long published;
    private long sink;

    @Override
    public Integer call() {
        if (seconds < 1 || seconds > 600) {
            return fail("--seconds must be 1-600, found " + seconds);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                return fail("no such file: " + file);
            } catch (IOException e) {
                return fail("cannot read " + file + ": " + e.getMessage());
            }
            Function<String, String> work;
            String direction;
            if (name.endsWith(".sdp")) {
                SdpToJingle.Request request = name.contains("answer") ? SdpToJingle.Request.answer("bench")
                        : SdpToJingle.Request.offer("bench");
                // toXml: a browser's offer or answer straight to XML, other SDP through the models
                work = modelPath
                        ? s -> JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(s).value(), request)
                                .value())
                        : s -> SdpToJingle.toXml(s, request);
                direction = "sdp-to-jingle";
            } else if (name.endsWith(".xml")) {
                work = s -> {
                    Jingle j = JingleReader.read(s);
                    Role writer = j.action() == JingleAction.SESSION_ACCEPT ? Role.RESPONDER : Role.INITIATOR;
                    return SdpWriter.write(JingleToSdp.translate(j, writer).value());
                };
                direction = "jingle-to-sdp";
            } else {
                return fail(file + ": expected a .sdp or .xml file");
            }
            try {
                work.apply(text);
            } catch (MapperException e) {
                return fail(file + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            int batch = batchFor(run(work, text, seconds, 16));
            double opsPerSecond = run(work, text, seconds, batch);
            // CHECKSTYLE.OFF: RegexpSinglelineJava
            out.println("case=" + name + " direction=" + direction + " ops_per_s="
                    + String.format(Locale.ROOT, "%.0f", opsPerSecond));
            // CHECKSTYLE.ON: RegexpSinglelineJava
        }
        published = sink;
        return 0;
    }

    /**
     * Conversions per second, reading the clock once every {@code batch} conversions. A clock read costs about
     * 1.4 µs here (the thread's CPU time; {@code System.nanoTime} less), as much as two small conversions: the
     * warm-up runs batches of 16 and sizes the measuring run's to about a millisecond each (test-harness's
     * bench-anchors.mjs does the same for the JavaScript anchors).
     */
    private double run(Function<String, String> work, String input, int forSeconds, int batch) {
        long ops = 0;
        long start = clock();
        long end = start + forSeconds * 1_000_000_000L;
        long now;
        do {
            for (int i = 0; i < batch; i++) {
                sink += work.apply(input).length();
            }
            ops += batch;
            now = clock();
        } while (now < end);
        return ops * 1e9 / (now - start);
    }

    /** A batch of about a millisecond at the warm-up's rate, at least 16. */
    static int batchFor(double warmupOpsPerSecond) {
        return (int) Math.max(16, Math.min(1_000_000, Math.round(warmupOpsPerSecond / 1000)));
    }

    /** Nanoseconds of wall-clock time, or of CPU time used by this thread (the GC's and the JIT's threads not). */
    private long clock() {
        return cpuTime ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    private int fail(String line) {
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        err.println("jingle-gateway bench: " + line);
        // CHECKSTYLE.ON: RegexpSinglelineJava
        return Main.EXIT_USAGE;
    }
}
