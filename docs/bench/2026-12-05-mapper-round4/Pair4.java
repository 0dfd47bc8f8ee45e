// Round 4's paired harness (from round 2's Pair.java): two workloads, each in its own class loader, alternating
// 1-second rounds of the measuring thread's CPU time after a warm-up; checks both give the same XML first.
//   javac -d h Pair4.java; java -cp h Pair4 W_DIR DEPS_CLASSPATH BEFORE_CLASSES BEFORE_W AFTER_CLASSES AFTER_W ROUNDS file.sdp...
// BEFORE_W/AFTER_W: W (model path) or D (SdpToJingle.toXml).
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;
public class Pair4 {
    static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
    @SuppressWarnings("unchecked")
    static Function<String, String> load(String w, String classes, String deps, String name) throws Exception {
        List<URL> u = new ArrayList<>();
        u.add(Path.of(w).toUri().toURL());
        u.add(Path.of(classes).toUri().toURL());
        for (String d : deps.split(File.pathSeparator)) u.add(Path.of(d).toUri().toURL());
        ClassLoader l = new URLClassLoader(u.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        return (Function<String, String>) l.loadClass(name).getDeclaredConstructor().newInstance();
    }
    static double run(Function<String, String> f, String s, double seconds) {
        long n = 0, end = cpu() + (long) (seconds * 1e9), start = cpu(); int h = 0;
        while (cpu() < end) { for (int i = 0; i < 50; i++) h += f.apply(s).length(); n += 50; }
        if (h == 42) System.out.print("");
        return n / ((cpu() - start) / 1e9);
    }
    public static void main(String[] a) throws Exception {
        Function<String, String> before = load(a[0], a[2], a[1], a[3]);
        Function<String, String> after = load(a[0], a[4], a[1], a[5]);
        int rounds = Integer.parseInt(a[6]);
        for (int k = 7; k < a.length; k++) {
            String s = Files.readString(Path.of(a[k]));
            if (!before.apply(s).equals(after.apply(s))) throw new AssertionError("outputs differ: " + a[k]);
            run(before, s, 2); run(after, s, 2); run(before, s, 1); run(after, s, 1);
            double[] r = new double[rounds], bs = new double[rounds], as = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double b, x;
                if (i % 2 == 0) { b = run(before, s, 1); x = run(after, s, 1); } else { x = run(after, s, 1); b = run(before, s, 1); }
                bs[i] = b; as[i] = x; r[i] = x / b;
            }
            double[] rs = r.clone(); Arrays.sort(rs); double[] b2 = bs.clone(); Arrays.sort(b2); double[] a2 = as.clone(); Arrays.sort(a2);
            StringBuilder sb = new StringBuilder();
            for (double x : r) sb.append(String.format(" %.2f", x));
            System.out.printf("%-28s before %8.0f after %8.0f ops/cpu-s (%.2f / %.2f us)  ratio median %.2fx [%s ] min %.2f max %.2f%n",
                Path.of(a[k]).getFileName(), b2[rounds / 2], a2[rounds / 2], 1e6 / b2[rounds / 2], 1e6 / a2[rounds / 2],
                rs[rounds / 2], sb.toString().trim(), rs[0], rs[rounds - 1]);
        }
    }
}
