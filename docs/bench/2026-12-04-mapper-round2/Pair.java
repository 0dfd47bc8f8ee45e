// Compile: javac -d h Pair.java (W.class in /tmp/speed2h/w/, edit the path). Run:
//   java -cp h Pair gateway.jar {BEFORE-mapper-classes|-} AFTER-mapper-classes ROUNDS file.sdp...
// "-" = the jar's own mapper; a classes directory goes before the jar in its class loader, so it wins.
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;
public class Pair {
    static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
    @SuppressWarnings("unchecked")
    static Function<String, String> load(String... urls) throws Exception {
        URL[] u = new URL[urls.length];
        for (int i = 0; i < urls.length; i++) u[i] = Path.of(urls[i]).toUri().toURL();
        ClassLoader l = new URLClassLoader(u, ClassLoader.getPlatformClassLoader());
        return (Function<String, String>) l.loadClass("W").getDeclaredConstructor().newInstance();
    }
    static double run(Function<String, String> f, String s, double seconds) {
        long n = 0, end = cpu() + (long) (seconds * 1e9), start = cpu(); int h = 0;
        while (cpu() < end) { for (int i = 0; i < 50; i++) h += f.apply(s).length(); n += 50; }
        if (h == 42) System.out.print("");
        return n / ((cpu() - start) / 1e9);
    }
    public static void main(String[] a) throws Exception {
        // args: jar beforeClassesOrDash afterClasses rounds file...
        String jar = a[0], w = "/tmp/speed2h/w/";
        Function<String, String> before = a[1].equals("-") ? load(w, jar) : load(w, a[1], jar);
        Function<String, String> after = load(w, a[2], jar);
        int rounds = Integer.parseInt(a[3]);
        for (int k = 4; k < a.length; k++) {
            String s = Files.readString(Path.of(a[k]));
            if (!before.apply(s).equals(after.apply(s))) throw new AssertionError("outputs differ: " + a[k]);
            run(before, s, 2); run(after, s, 2); run(before, s, 1); run(after, s, 1);
            double[] r = new double[rounds]; double[] bs = new double[rounds], as = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                double b, x;
                if (i % 2 == 0) { b = run(before, s, 1); x = run(after, s, 1); } else { x = run(after, s, 1); b = run(before, s, 1); }
                bs[i] = b; as[i] = x; r[i] = x / b;
            }
            double[] rs = r.clone(); Arrays.sort(rs); double[] b2 = bs.clone(); Arrays.sort(b2); double[] a2 = as.clone(); Arrays.sort(a2);
            StringBuilder sb = new StringBuilder();
            for (double x : r) sb.append(String.format(" %.2f", x));
            System.out.printf("%-32s before %8.0f after %8.0f ops/cpu-s  ratio median %.2fx [%s ] min %.2f max %.2f%n",
                Path.of(a[k]).getFileName(), b2[rounds / 2], a2[rounds / 2], rs[rounds / 2], sb.toString().trim(), rs[0], rs[rounds - 1]);
        }
    }
}
