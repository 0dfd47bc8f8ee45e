// The bench command's loop before round 5 (the thread's CPU time read after every 16 conversions), to compare the two
// instruments: javac -cp MAPPER_CLASSES OldLoop.java; java -cp .:MAPPER_CLASSES:DEPS OldLoop file.sdp...
import java.nio.file.*; import java.lang.management.*; import org.jinglegateway.mapper.translate.SdpToJingle;
public class OldLoop { static long sink;
  static double run(String s, SdpToJingle.Request r, int seconds) { ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long ops = 0, start = mx.getCurrentThreadCpuTime(), end = start + seconds * 1_000_000_000L, now;
    do { for (int i = 0; i < 16; i++) sink += SdpToJingle.toXml(s, r).length(); ops += 16; now = mx.getCurrentThreadCpuTime(); } while (now < end);
    return ops * 1e9 / (now - start); }
  public static void main(String[] a) throws Exception { SdpToJingle.Request r = SdpToJingle.Request.offer("bench");
    for (String f : a) { String s = Files.readString(Path.of(f)); run(s, r, 3); System.out.printf("old-loop case=%s ops_per_s=%.0f%n", Path.of(f).getFileName(), run(s, r, 3)); } } }
