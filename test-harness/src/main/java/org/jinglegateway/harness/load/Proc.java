package org.jinglegateway.harness.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What a process costs, read from /proc (Linux) and, for the gateway's JVM, from {@code jcmd}. */
final class Proc {
    /** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
    private static final double HZ = 100.0;

    private Proc() {
    }

    /** CPU seconds (user + system) the process and its live descendants have used. */
    static double cpuSeconds(ProcessHandle process) {
        double total = cpuOf(process.pid());
        for (ProcessHandle d : process.descendants().toList()) {
            total += cpuOf(d.pid());
        }
        return total;
    }

    /**
     * CPU seconds of a JVM's JIT compiler threads ({@code C1/C2 CompilerThre}, as /proc names them): a one-off cost
     * of warming up, not of the calls, so the setup table shows it apart.
     */
    static double jitCpuSeconds(long pid) {
        double total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).contains("CompilerThre")) {
                        total += cpuOf(pid + "/task/" + t.getFileName());
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    private static double cpuOf(long pid) {
        return cpuOf(String.valueOf(pid));
    }

    private static double cpuOf(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat(5), counted from the state field (3)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A line's number from /proc/PID/status ({@code VmRSS} in kB, {@code Threads}); -1 when unreadable. */
    static long status(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Resident memory of the process and its descendants, bytes. */
    static long rssBytes(ProcessHandle process) {
        long kb = Math.max(0, status(process.pid(), "VmRSS"));
        for (ProcessHandle d : process.descendants().toList()) {
            kb += Math.max(0, status(d.pid(), "VmRSS"));
        }
        return kb * 1024;
    }

    static long threads(long pid) {
        return status(pid, "Threads");
    }

    /** Open file descriptors. */
    static long fds(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A class histogram of the live heap ({@code jcmd PID GC.class_histogram}, which collects first).
     *
     * @param liveBytes all live objects, bytes
     * @param classes   bytes and instances per class, largest first
     */
    record Histogram(long liveBytes, Map<String, long[]> classes) {
    }

    static Histogram histogram(long pid) throws IOException, InterruptedException {
        List<String> lines = jcmd(pid, "GC.class_histogram");
        Map<String, long[]> classes = new LinkedHashMap<>();
        long total = -1;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[2]), Long.parseLong(f[1])});
            } else if (f.length == 3 && "Total".equals(f[0])) {
                total = Long.parseLong(f[2]);
            }
        }
        if (total < 0) {
            throw new IOException("jcmd " + pid + " GC.class_histogram gave no Total line: " + lines);
        }
        return new Histogram(total, classes);
    }

    private static List<String> jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader(StandardCharsets.UTF_8)) {
            r.lines().forEach(lines::add);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + lines);
        }
        return lines;
    }

    /** The machine's load averages ({@code /proc/loadavg}, as {@code uptime} prints them). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
