package org.jinglegateway.harness.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light c2s client written for load: one socket, plain SASL on loopback (the load servers run without TLS),
 * resource binding, initial presence, and one reader thread that hands every stanza over as a {@link Stanza}
 * summary (what the generator needs to answer and to time it, not the whole tree). Thousands of calls go over one
 * of these; Smack's per-stanza cost would be the generator's bottleneck. Every IQ set is answered with a result at
 * once, as a real client acknowledges Jingle IQs before acting on them.
 */
final class C2sClient implements AutoCloseable {
    private static final Pattern BOUND_JID = Pattern.compile("<jid>([^<]+)</jid>");
    private static final String STREAM_HEAD = "<stream:stream xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0' to='%s'>";

    /**
     * One stanza as the generator sees it.
     *
     * @param name    iq, message or presence
     * @param type    its type attribute (or null)
     * @param id      its id
     * @param from    its from
     * @param child   the local name of its first child (jingle, propose, proceed...), or null
     * @param childId the first child's id attribute (XEP-0353 elements)
     * @param action  the jingle action, for a jingle child
     * @param sid     the jingle sid, for a jingle child
     * @param nanos   when the reader finished reading it ({@link System#nanoTime()})
     */
    record Stanza(String name, String type, String id, String from, String child, String childId, String action,
                  String sid, long nanos) {
        boolean jingle(String jingleAction) {
            return "jingle".equals(child) && jingleAction.equals(action);
        }

        boolean message(String element) {
            return "message".equals(name) && element.equals(child);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final String jid;
    private final Thread reader;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Consumer<Stanza> handler;
    private volatile String firstError;

    private C2sClient(Socket socket, String jid, InputStream rest, Consumer<Stanza> handler) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.jid = jid;
        this.handler = handler;
        this.reader = new Thread(() -> read(rest), "c2s " + jid);
        reader.setDaemon(true);
        reader.start();
    }

    /** Logs in as user@domain/resource on host:port (plain SASL) and sends available presence. */
    static C2sClient connect(String host, int port, String domain, String user, String password, String resource,
                             Consumer<Stanza> handler) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(20_000);
        BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        try {
            write(out, "<?xml version='1.0'?>" + String.format(STREAM_HEAD, domain));
            readUntil(in, "</stream:features>", user);
            String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8));
            write(out, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
            String auth = readUntil(in, "success", user);
            if (!auth.endsWith("/>")) {
                readUntil(in, ">", user);
            }
            write(out, String.format(STREAM_HEAD, domain));
            readUntil(in, "</stream:features>", user);
            write(out, "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                    + resource + "</resource></bind></iq>");
            String bound = readUntil(in, "</iq>", user);
            Matcher m = BOUND_JID.matcher(bound);
            if (!m.find()) {
                throw new IOException(user + ": resource binding failed: " + bound);
            }
            socket.setSoTimeout(0);
            // the stanzas that follow are parsed as children of a stream element of our own making
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(String.format(STREAM_HEAD, domain)
                    .getBytes(StandardCharsets.UTF_8)), in);
            C2sClient client = new C2sClient(socket, m.group(1), rest, handler);
            client.send("<presence/>");
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads byte by byte (no read-ahead past what it returns) until the text ends with marker; fails on failure. */
    private static String readUntil(InputStream in, String marker, String user) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(user + ": the server closed the stream during login: " + sb);
            }
            sb.append((char) b);
            if (sb.length() > 65_536) {
                throw new IOException(user + ": no " + marker + " in 64 KiB of login answers");
            }
            int len = sb.length();
            if (sb.charAt(len - 1) == '>' && (sb.indexOf("<failure") >= 0 || sb.indexOf("<stream:error") >= 0)) {
                throw new IOException(user + ": login refused: " + sb);
            }
            if (len >= marker.length() && sb.lastIndexOf(marker) == len - marker.length()) {
                if (!"success".equals(marker)) {
                    return sb.toString();
                }
                // the success element: read to its end
                while (sb.charAt(sb.length() - 1) != '>') {
                    int c = in.read();
                    if (c < 0) {
                        throw new IOException(user + ": closed after SASL success");
                    }
                    sb.append((char) c);
                }
                return sb.toString();
            }
        }
    }

    /** The full JID the server bound. */
    String jid() {
        return jid;
    }

    String bare() {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    void handler(Consumer<Stanza> value) {
        this.handler = value;
    }

    /** A fresh stanza id. */
    String nextId() {
        return "l" + ids.incrementAndGet();
    }

    /** IQ errors received (the gateway or the server refused something this client sent). */
    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    /** Writes one stanza; callers on several threads are serialised. */
    void send(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(jid + ": cannot send: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Splits the stream into stanzas with a small tag scanner (quotes respected; the servers send no comments or
     * CDATA) and summarises each. A StAX reader was tried first: the JDK's looks ahead past a stanza's end tag and
     * so holds the last stanza back until more bytes come, which a latency probe cannot have.
     */
    private void read(InputStream in) {
        try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[65_536];
            StringBuilder stanza = new StringBuilder();
            StringBuilder tag = new StringBuilder();
            boolean inTag = false;
            char quote = 0;
            int depth = 0;
            int n;
            while ((n = r.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char ch = buf[i];
                    if (depth >= 1 && (inTag || ch == '<' || depth >= 2)) {
                        stanza.append(ch);
                    }
                    if (!inTag) {
                        if (ch == '<') {
                            inTag = true;
                            tag.setLength(0);
                            if (depth == 1) {
                                stanza.setLength(0);
                                stanza.append('<');
                            }
                        }
                        continue;
                    }
                    if (quote != 0) {
                        if (ch == quote) {
                            quote = 0;
                        }
                        tag.append(ch);
                        continue;
                    }
                    if (ch == '"' || ch == '\'') {
                        quote = ch;
                        tag.append(ch);
                        continue;
                    }
                    if (ch != '>') {
                        tag.append(ch);
                        continue;
                    }
                    inTag = false;
                    char first = tag.length() == 0 ? ' ' : tag.charAt(0);
                    if (first == '?' || first == '!') {
                        continue;
                    }
                    if (first == '/') {
                        depth--;
                    } else if (tag.charAt(tag.length() - 1) != '/') {
                        depth++;
                    }
                    if (depth == 1 && stanza.length() > 0 && (first == '/' || tag.charAt(tag.length() - 1) == '/')) {
                        dispatch(stanza.toString(), System.nanoTime());
                        stanza.setLength(0);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                firstError = jid + ": reading stopped: " + e;
                errors.incrementAndGet();
            }
        }
    }

    private static final Pattern ATTR = Pattern.compile("([A-Za-z_][\\w:.-]*)\\s*=\\s*(['\"])(.*?)\\2");

    private void dispatch(String xml, long nanos) {
        int open = xml.indexOf('>');
        String top = xml.substring(1, open);
        String name = tagName(top);
        String child = null;
        String childTag = null;
        int next = xml.indexOf('<', open);
        if (next >= 0 && next + 1 < xml.length() && xml.charAt(next + 1) != '/') {
            childTag = xml.substring(next + 1, xml.indexOf('>', next));
            child = tagName(childTag);
        }
        String type = attr(top, "type");
        String id = attr(top, "id");
        String from = attr(top, "from");
        Stanza s = new Stanza(name, type, id, from, child, childTag == null ? null : attr(childTag, "id"),
                childTag == null ? null : attr(childTag, "action"), childTag == null ? null : attr(childTag, "sid"),
                nanos);
        if ("iq".equals(name) && "set".equals(type)) {
            send("<iq type='result' to='" + Payloads.attr(from) + "' id='" + Payloads.attr(id) + "'/>");
        } else if ("error".equals(type)) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = xml.length() > 2000 ? xml.substring(0, 2000) : xml;
            }
        }
        handler.accept(s);
    }

    private static String tagName(String tag) {
        int end = 0;
        while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && tag.charAt(end) != '/') {
            end++;
        }
        String qname = tag.substring(0, end);
        return qname.substring(qname.indexOf(':') + 1);
    }

    private static String attr(String tag, String name) {
        Matcher m = ATTR.matcher(tag);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return unescape(m.group(3));
            }
        }
        return null;
    }

    private static String unescape(String v) {
        if (v.indexOf('&') < 0) {
            return v;
        }
        return v.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    boolean alive() {
        return reader.isAlive();
    }

    @Override
    public void close() {
        try {
            send("</stream:stream>");
        } catch (IllegalStateException e) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
