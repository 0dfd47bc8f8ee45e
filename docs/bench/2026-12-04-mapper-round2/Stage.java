// Compile: javac -cp gateway.jar -d s Stage.java; run: java -cp s:gateway.jar Stage file.sdp... (us per stage)
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.function.Supplier;
import org.jinglegateway.mapper.sdp.*;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.jinglegateway.mapper.jingle.*;
public class Stage {
    static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
    static double run(Supplier<Object> f, double sec) {
        long n = 0, st = cpu(), end = st + (long) (sec * 1e9); int h = 0;
        while (cpu() < end) { for (int i = 0; i < 50; i++) h += f.get() == null ? 1 : 0; n += 50; }
        if (h == -1) System.out.print("");
        return 1e6 * ((cpu() - st) / 1e9) / n;
    }
    public static void main(String[] a) throws Exception {
        for (String file : a) {
            String s = Files.readString(Path.of(file));
            TypedSdp t = SdpParser.parseTyped(s).value();
            var req = SdpToJingle.Request.offer("bench");
            Jingle j = SdpToJingle.translate(t, req).value();
            int lines = s.split("\n").length;
            Supplier<Object> parse = () -> SdpParser.parseTyped(s).value();
            Supplier<Object> tr = () -> SdpToJingle.translate(t, req).value();
            Supplier<Object> wr = () -> JingleWriter.toXml(j);
            Supplier<Object> all = () -> JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(s).value(), req).value());
            for (int w = 0; w < 2; w++) { run(parse, 1); run(tr, 1); run(wr, 1); run(all, 1); }
            double[][] r = new double[4][5];
            for (int i = 0; i < 5; i++) { r[0][i] = run(parse, 0.6); r[1][i] = run(tr, 0.6); r[2][i] = run(wr, 0.6); r[3][i] = run(all, 0.6); }
            String[] names = {"parse", "translate", "write", "sdp2xml"};
            for (int k = 0; k < 4; k++) { java.util.Arrays.sort(r[k]);
                System.out.printf("%-28s %3d lines %-10s median %7.2f us/op (min %.2f max %.2f)%n", Path.of(file).getFileName(), lines, names[k], r[k][2], r[k][0], r[k][4]); }
        }
    }
}
