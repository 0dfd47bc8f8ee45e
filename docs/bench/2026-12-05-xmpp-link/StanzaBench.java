// Round 5 of the XMPP link (docs/benchmarks.md): the gateway's per-stanza Java cost, two gateway jars side by side in
// one JVM (each in its own class loader), alternating 1-second rounds of the thread's CPU time:
//   read: XmppStreamReader.nextElement() over a stream of the same stanza; write: XmppConnector.toXml(packet).
//   java StanzaBench BEFORE.jar AFTER.jar stanza.xml [rounds]
import java.io.*; import java.lang.management.*; import java.lang.reflect.*; import java.net.*; import java.nio.charset.StandardCharsets; import java.nio.file.*; import java.util.*;
public class StanzaBench {
  static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
  static final class Side {
    final Constructor<?> reader; final Method header, next, toXml; final Object packet;
    Side(String jar, String stanza) throws Exception {
      ClassLoader l = new URLClassLoader(new URL[]{Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> r = l.loadClass("org.jinglegateway.xmpp.XmppStreamReader");
      reader = r.getConstructor(InputStream.class, int.class, int.class); header = r.getMethod("readHeader"); next = r.getMethod("nextElement");
      Class<?> c = l.loadClass("org.jinglegateway.xmpp.XmppConnector"); Class<?> p = l.loadClass("org.xmpp.packet.Packet");
      toXml = c.getDeclaredMethod("toXml", p); toXml.setAccessible(true);
      Object sax = l.loadClass("org.dom4j.io.SAXReader").getConstructor().newInstance();
      Object doc = sax.getClass().getMethod("read", Reader.class).invoke(sax, new StringReader(stanza));
      Object root = doc.getClass().getMethod("getRootElement").invoke(doc);
      packet = l.loadClass("org.xmpp.packet.IQ").getConstructor(l.loadClass("org.dom4j.Element")).newInstance(root);
    }
  }
  static final String HEAD = "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' id='x' from='gw.localhost'>";
  static long sink;
  static double read(Side s, byte[] stream, int stanzas) throws Exception {
    Object r = s.reader.newInstance(new ByteArrayInputStream(stream), 1 << 20, 64); s.header.invoke(r);
    long t = cpu(); for (int i = 0; i < stanzas; i++) sink += ((Optional<?>) s.next.invoke(r)).isPresent() ? 1 : 0; return (cpu() - t) / 1000.0 / stanzas;
  }
  static double write(Side s, int n) throws Exception {
    long t = cpu(); for (int i = 0; i < n; i++) sink += ((String) s.toXml.invoke(null, s.packet)).length(); return (cpu() - t) / 1000.0 / n;
  }
  public static void main(String[] a) throws Exception {
    String stanza = Files.readString(Path.of(a[2])).strip();
    int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 9, stanzas = 4000;
    byte[] stream = (HEAD + stanza.repeat(stanzas)).getBytes(StandardCharsets.UTF_8);
    Side before = new Side(a[0], stanza), after = new Side(a[1], stanza);
    if (!before.toXml.invoke(null, before.packet).equals(after.toXml.invoke(null, after.packet))) throw new AssertionError("the two jars write the stanza differently");
    for (int w = 0; w < 5; w++) { read(before, stream, stanzas); read(after, stream, stanzas); write(before, 20000); write(after, 20000); }
    double[][] r = new double[4][rounds];
    for (int i = 0; i < rounds; i++) { r[0][i] = read(before, stream, stanzas); r[1][i] = read(after, stream, stanzas); r[2][i] = write(before, 20000); r[3][i] = write(after, 20000); }
    for (double[] x : r) Arrays.sort(x);
    System.out.printf("%s (%d bytes): read %.2f -> %.2f us a stanza (median of %d), write %.2f -> %.2f us%n", Path.of(a[2]).getFileName(), stanza.length(), r[0][rounds/2], r[1][rounds/2], rounds, r[2][rounds/2], r[3][rounds/2]);
    if (sink == 42) System.out.println();
  }
}
