package org.jinglegateway.harness.dino;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinglegateway.harness.Await;

/**
 * Debian's Dino (dino-im 0.4.2), a real desktop Jingle client, run for a test and driven with xdotool
 * (docs/testing.md, "Dino in CI"). Dino 0.4.2 has no host or port setting, always does STARTTLS, accepts only
 * certificates it trusts and, without an XEP-0215 STUN service, asks a public STUN host. So it runs in a network
 * and mount namespace of its own ({@code unshare --net --mount}):
 * <ul>
 * <li>a veth pair, {@code 198.18.N.1} on this side and {@code 198.18.N.2} on Dino's, named {@code eth0} inside
 * (libnice ignores interfaces whose names start with {@code veth}), IPv6 off on both ends, and a default route to an
 * address nobody has (GLib reports the network down without one; nothing can leave the pair);</li>
 * <li>{@code /etc/hosts}, {@code /etc/resolv.conf} (a nameserver on the namespace's own loopback, where nothing
 * answers: SRV lookups fail at once) and the CA bundle (only the test CA) bind-mounted inside the namespace only;</li>
 * <li>Dino's account domain is {@code localhost}: it connects to 127.0.0.1:5222 inside the namespace, where socat
 * relays through a unix socket to a second socat outside, on to Prosody's real c2s port on loopback.</li>
 * </ul>
 * Outside the namespace: Xvfb (a 1280x800 screen, Dino's window set to 1200x700 at 0,0, so the click coordinates
 * below hold), PulseAudio with null sinks (Dino's microphone is a virtual source fed by {@link SpeechSignal} through
 * {@code paplay} in a loop). The account goes into {@code dino.db} after a first start made the schema; Dino then
 * runs with {@code --print-xmpp=all} into {@link #log()}. {@link #close()} stops every process it started by pid.
 */
public final class DinoDesktop implements AutoCloseable {
    /** Dino's main window, and the points clicked in it (found on screenshots of this window size). */
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;
    private static final Point CALL_BUTTON = new Point(978, 28, "the call button in the conversation's header");
    private static final Point AUDIO_CALL = new Point(977, 80, "Audio call in the call button's menu");
    private static final Point VIDEO_CALL = new Point(977, 111, "Video call in the call button's menu");
    /** The newest conversation item sits right above the message box: an incoming call's Accept button. */
    private static final Point ACCEPT = new Point(502, 595, "Accept on the incoming call");
    /** The call window's microphone button, left of the camera button (light grey while the microphone is on). */
    private static final Point MICROPHONE = new Point(281, 475, "the call window's microphone button");
    /** The call window opens at 0,0 over the main window; its red hang-up button. */
    private static final Point HANG_UP = new Point(421, 475, "the call window's hang-up button");
    /** The call window's size (it opens at 0,0), and its picture area above its buttons (ImageMagick geometry). */
    private static final String CALL_WINDOW = "704x528";
    private static final String VIDEO_AREA = "660x360+20+60";
    /** Inside the picture area, away from the call window's header and buttons. */
    private static final Point VIDEO_POINTER = new Point(300, 220, "the call window's picture");

    /**
     * GStreamer categories always in Dino's GStreamer log: whether its microphone source ever started (pulsesrc,
     * basesrc), and its VP8 depayloader's key frames and the frames it dropped waiting for one (a few lines a call).
     */
    private static final String ALWAYS_GST_DEBUG = "pulse:5,basesrc:4,rtpvp8depay:5";
    /** Dino's pulsesrc negotiating its format with PulseAudio: the first thing its streaming thread does. */
    private static final Pattern CAPTURE_NEGOTIATED = Pattern.compile("gst_pulsesrc_negotiate:<pulsedevice\\d+>");
    /** Dino's pulsesrc's streaming thread stopping itself because its ring buffer was never set up. */
    private static final Pattern CAPTURE_STOPPED = Pattern.compile(
            "gst_base_src_loop:<pulsedevice\\d+> pausing after gst_base_src_get_range\\(\\) = flushing");

    /** GTK's warning when it skips painting Dino's call window because the window's size allocation is pending. */
    private static final Pattern CALL_WINDOW_UNALLOCATED = Pattern.compile(
            "Gtk-WARNING \\*\\*: [0-9:.]+: Trying to snapshot DinoUiCallWindow 0x[0-9a-f]+"
                    + " without a current allocation");

    /** Generous: at a load average of 34 on 2 cores Dino had not logged in after 40 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(20);
    private static final String XMPP_DOMAIN = "localhost";

    private final String user;
    private final String password;
    private final int c2sPort;
    private final TestCa ca;
    private final List<String> conversations;
    private final Deque<Process> started = new ArrayDeque<>();
    private Path dir;
    private Path home;
    private int display;
    private Process dino;
    private String hostAddress;

    private record Point(int x, int y, String what) {
    }

    private DinoDesktop(String user, String password, int c2sPort, TestCa ca, List<String> conversations) {
        this.user = user;
        this.password = password;
        this.c2sPort = c2sPort;
        this.ca = ca;
        this.conversations = List.copyOf(conversations);
    }

    /**
     * Starts Dino logged in as {@code user@localhost} on the Prosody whose c2s port is {@code c2sPort} (which must
     * offer STARTTLS with a certificate {@code ca} signed), with an open conversation for each JID of
     * {@code conversations}; returns once Dino is logged in and its window has the expected size.
     */
    public static DinoDesktop start(String user, String password, int c2sPort, TestCa ca, List<String> conversations)
            throws IOException, InterruptedException {
        DinoDesktop d = new DinoDesktop(user, password, c2sPort, ca, conversations);
        try {
            d.startAll();
            return d;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            String logs = d.dir == null ? "" : " (logs in " + d.dir + ")";
            d.close();
            throw new IllegalStateException("Dino did not start" + logs + ": " + e.getMessage(), e);
        }
    }

    // ---- what a test does ------------------------------------------------------------------------------------------

    /** Clicks the call button of the open conversation, then Audio call or Video call in its menu. */
    public void call(boolean video) throws IOException, InterruptedException {
        awaitPixels(CALL_BUTTON, 16, "enabled (dark icon)", rgb -> luma(rgb) < 80);
        click(CALL_BUTTON);
        Point item = video ? VIDEO_CALL : AUDIO_CALL;
        awaitPixels(item, 24, "shown (menu text)", rgb -> luma(rgb) < 120);
        click(item);
    }

    /** Waits for the incoming call's blue Accept button and clicks it. */
    public void accept() throws IOException, InterruptedException {
        awaitPixels(ACCEPT, 8, "blue", rgb -> blue(rgb) > 180 && red(rgb) < 120);
        click(ACCEPT);
    }

    /**
     * Clicks the call window's red hang-up button. While video plays Dino hides the call controls until the pointer
     * moves, so the pointer is moved over the window first, until the button shows.
     */
    public void hangUp() throws IOException, InterruptedException {
        showCallControls();
        click(HANG_UP);
    }

    /** Moves the pointer over the call window until its red hang-up button (and the other controls) show. */
    private void showCallControls() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + UI_TIMEOUT.toNanos();
        while (square(HANG_UP, 8).stream().noneMatch(DinoDesktop::hangUpRed)) {
            if (System.nanoTime() > deadline) {
                Path shot = screenshot("timeout-" + System.currentTimeMillis());
                throw new AssertionError("timed out after " + UI_TIMEOUT.toSeconds() + " s waiting for "
                        + HANG_UP.what() + "; screenshot " + shot + ", Dino's log " + log());
            }
            xdotool("mousemove", "300", "300", "mousemove", String.valueOf(HANG_UP.x()), String.valueOf(HANG_UP.y()));
            Thread.sleep(200);
        }
    }

    /** Waits until no call window is open (no visible window of the call window's size). */
    public void awaitCallWindowClosed() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + UI_TIMEOUT.toNanos();
        while (callWindowOpen()) {
            if (System.nanoTime() > deadline) {
                Path shot = screenshot("timeout-" + System.currentTimeMillis());
                throw new AssertionError("Dino's call window still open after " + UI_TIMEOUT.toSeconds()
                        + " s; screenshot " + shot + ", Dino's log " + log());
            }
            Thread.sleep(200);
        }
    }

    private boolean callWindowOpen() throws IOException, InterruptedException {
        return callWindow() != null;
    }

    /** The X id of the visible window with the call window's size, or null. */
    private String callWindow() throws IOException, InterruptedException {
        String ids;
        try {
            ids = xdotool("search", "--onlyvisible", "--name", ".");
        } catch (IllegalStateException none) {
            return null; // xdotool search exits 1 when nothing matches
        }
        for (String id : ids.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            try {
                if (xdotool("getwindowgeometry", id).contains("Geometry: " + CALL_WINDOW)) {
                    return id;
                }
            } catch (IllegalStateException gone) {
                // the window closed between the search and this look
            }
        }
        return null;
    }

    /**
     * Whether, since {@code logMark} ({@link #logLength()}), GTK warned that it was asked to paint Dino's call window
     * while the window waited for a size allocation (docs/testing.md, "Dino's call window stops laying out"). Dino
     * 0.4.2 sets the call window's default size from a GStreamer streaming thread when the peer's video resolution
     * becomes known; when that races with GTK's main loop, the window's relayout request is lost, GTK skips that
     * paint with this warning, and the window is neither laid out nor painted again until its size changes.
     */
    public boolean callWindowStoppedLayout(int logMark) {
        return CALL_WINDOW_UNALLOCATED.matcher(logSince(logMark)).find();
    }

    /**
     * Makes the call window one pixel smaller and then gives it its size back, as a user resizing it would (there
     * is no window manager here): each X ConfigureNotify with a new size makes GTK lay the window out and paint it.
     */
    public void resizeCallWindow() throws IOException, InterruptedException {
        String id = callWindow();
        if (id == null) {
            throw new AssertionError("no call window of size " + CALL_WINDOW + " to resize; Dino's log " + log());
        }
        String[] size = CALL_WINDOW.split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        xdotool("windowsize", id, String.valueOf(width - 1), String.valueOf(height - 1));
        Await.until(UI_TIMEOUT, "Dino's call window to take the size " + (width - 1) + "x" + (height - 1),
                () -> hasGeometry(id, (width - 1) + "x" + (height - 1)));
        xdotool("windowsize", id, size[0], size[1]);
        Await.until(UI_TIMEOUT, "Dino's call window to take its size " + CALL_WINDOW + " back",
                () -> hasGeometry(id, CALL_WINDOW));
    }

    private boolean hasGeometry(String id, String geometry) {
        try {
            return xdotool("getwindowgeometry", id).contains("Geometry: " + geometry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean hangUpRed(int rgb) {
        return red(rgb) > 180 && green(rgb) < 90;
    }

    /**
     * Waits until Dino's call window shows the peer's video: most of its picture area ({@link #VIDEO_AREA}, scaled
     * down to {@code 66x36} pixels) is no longer the dark background, or it changed at each of two looks in a row,
     * a second apart (the avatar giving way to the dark video widget changes it once, playing video every time).
     * Without video the area is the dark background with the peer's avatar (a 100x100 square) in the middle.
     * <p>
     * Before each look the pointer moves over the picture: under Xvfb with no window manager, Dino's GTK 4 call
     * window sometimes stops repainting while its video sink keeps rendering decoded frames, and only an input event
     * wakes it (docs/testing.md, "Dino in CI"). A user's pointer does the same; it cannot make video appear that Dino
     * did not decode, and an avatar or a black picture still fails.
     */
    public void awaitVideoShown() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + UI_TIMEOUT.toNanos();
        List<Integer> previous = videoArea();
        String seen = "";
        boolean changedBefore = false;
        for (int look = 0; ; look++) {
            // two points inside the picture, away from the call controls, so that each look is a real motion
            xdotool("mousemove", String.valueOf(VIDEO_POINTER.x() + look % 2 * 12),
                    String.valueOf(VIDEO_POINTER.y() + look % 2 * 12));
            Thread.sleep(1000);
            List<Integer> now = videoArea();
            long lit = now.stream().filter(rgb -> luma(rgb) > 70 || chroma(rgb) > 40).count();
            long changed = 0;
            for (int i = 0; i < Math.min(now.size(), previous.size()); i++) {
                if (Math.abs(luma(now.get(i)) - luma(previous.get(i))) > 12) {
                    changed++;
                }
            }
            seen = lit + " of " + now.size() + " pixels lit, " + changed + " changed in a second";
            boolean changedNow = changed * 100 > now.size();
            if (lit * 10 > now.size() * 3 || changedNow && changedBefore) {
                return;
            }
            changedBefore = changedNow;
            if (System.nanoTime() > deadline) {
                Path shot = screenshot("no-video-" + System.currentTimeMillis());
                throw new AssertionError("Dino's call window shows no video after " + UI_TIMEOUT.toSeconds() + " s ("
                        + seen + ", the pointer moved over it before each look; screenshot " + shot + ", Dino's log "
                        + log() + ")");
            }
            previous = now;
        }
    }

    private List<Integer> videoArea() throws IOException, InterruptedException {
        String txt = run(List.of("import", "-display", ":" + display, "-window", "root", "-crop", VIDEO_AREA,
                "-resize", "66x36!", "-depth", "8", "txt:-"));
        return colours(txt);
    }

    /** GStreamer's log of Dino (see {@link #captureNeverStarted}). */
    public Path gstLog() {
        return dir.resolve("dino.log.gst");
    }

    /** The size of GStreamer's log now, to mark the start of a call. */
    public long gstLogLength() {
        try {
            return Files.exists(gstLog()) ? Files.size(gstLog()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether, since {@code mark} ({@link #gstLogLength()}), Dino's microphone source (pulsesrc) stopped its
     * streaming thread without ever negotiating a format: the GStreamer race of docs/testing.md ("Dino sends no
     * audio"). Dino builds its capture chain while the source already runs; when a reconfigure event from that
     * building reaches pulsesrc before its new streaming thread first looks for one, pulsesrc's event handler clears
     * the flag the thread would have negotiated on, so it never sets up its ring buffer, reads nothing, and pauses
     * for good, with no error. Nothing from the network plays a part.
     */
    public boolean captureNeverStarted(long mark) {
        String since = gstLogSince(mark);
        return CAPTURE_STOPPED.matcher(since).find() && !CAPTURE_NEGOTIATED.matcher(since).find();
    }

    /** Whether Dino's microphone source negotiated its format since {@code mark}. */
    public boolean captureNegotiated(long mark) {
        return CAPTURE_NEGOTIATED.matcher(gstLogSince(mark)).find();
    }

    private String gstLogSince(long mark) {
        try (RandomAccessFile f = new RandomAccessFile(gstLog().toFile(), "r")) {
            long from = Math.min(mark, f.length());
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For diagnosis (docs/testing.md, "Dino's call window stops laying out"): how often Dino's video chain logged each
     * step since the marks ({@link #gstLogLength()}, {@link #logLength()}); the GStreamer counts need
     * {@code JG_DINO_GST_DEBUG} with {@code rtpvp8depay:6,basesink:5}, Dino's own lines need that variable too
     * ({@code G_MESSAGES_DEBUG}).
     */
    public String videoSummary(long gstMark, int logMark) {
        String gst = gstLogSince(gstMark);
        String own = logSince(logMark);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("key frames depayloaded", count(gst, "rtpvp8depay.*Processed keyframe"));
        counts.put("inter-frames dropped before a key frame", count(gst, "Dropping inter-frame before intra-frame"));
        counts.put("frames missing their first packet", count(gst, "The frame is missing the first packet"));
        counts.put("discontinuities", count(gst, "rtpvp8depay.*Discontinuity"));
        counts.put("frames rendered by Dino's sink", count(gst, "<dinopluginsrtpsink\\d+> rendering object"));
        counts.put("resolution changes", count(own, "Input resolution changed"));
        counts.put("snapshots without allocation", count(own, "without a current allocation"));
        counts.put("SRTP decrypt failures", count(own, "SRTP decrypt failed"));
        counts.put("second SSRC ignored", count(own, "Got second ssrc"));
        return counts.toString();
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    /**
     * Mutes Dino's microphone in the call window, then turns it on again: Dino sends Jingle {@code session-info}
     * {@code mute} and {@code unmute}, tears its capture source down and builds a new one. Each click waits for the
     * stanza in Dino's log.
     */
    public void muteAndUnmute() throws IOException, InterruptedException {
        for (String stanza : List.of(":mute ", ":unmute ")) {
            int mark = logLength();
            showCallControls();
            click(MICROPHONE);
            Await.until(UI_TIMEOUT, "Dino to send session-info" + stanza.stripTrailing() + " (its log " + log() + ")",
                    () -> logSince(mark).contains("rtp:info:1}" + stanza));
        }
    }

    /** Everything Dino sent and received ({@code --print-xmpp=all}) and its warnings. */
    public Path log() {
        return dir.resolve("dino.log");
    }

    /** The folder with every log of this run (Dino, Xvfb, PulseAudio, socat) and the screenshots. */
    public Path dir() {
        return dir;
    }

    /** The log's text from {@code offset} characters on (use {@link #logLength()} to mark a point). */
    public String logSince(int offset) {
        String text = read(log());
        return text.substring(Math.min(offset, text.length()));
    }

    public int logLength() {
        return read(log()).length();
    }

    /** This side's address on the veth pair (a browser's host candidate that Dino can reach). */
    public String hostAddress() {
        return hostAddress;
    }

    /**
     * PulseAudio's own view, for diagnosis: its sources with their state, the recording streams (Dino's microphone)
     * and the playback streams (the feeder) with their sink and source, one short line each.
     */
    public String pulseState() throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        for (String what : List.of("sources", "source-outputs", "sink-inputs", "clients")) {
            b.append(what).append(":\n");
            ProcessBuilder pb = new ProcessBuilder("pactl", "list", "short", what).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        }
        return b.toString();
    }

    /** Saves the whole screen as PNG. */
    public Path screenshot(String name) throws IOException, InterruptedException {
        Path png = dir.resolve(name + ".png");
        run(List.of("import", "-display", ":" + display, "-window", "root", png.toString()));
        return png;
    }

    /** Stops every process this object started, newest first (Dino and its D-Bus, paplay, PulseAudio, ...). */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            stop(started.pop());
        }
    }

    // ---- starting ------------------------------------------------------------------------------------------------

    private void startAll() throws IOException, InterruptedException {
        for (String tool : List.of("dino-im", "Xvfb", "pulseaudio", "paplay", "xdotool", "import", "socat", "sqlite3",
                "unshare", "nsenter", "ip")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(tool + " is missing: run `bash scripts/install-test-deps.sh`");
            }
        }
        dir = Files.createTempDirectory("jg-dino-");
        home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("run"));
        int namespacePid = namespace();
        relay(namespacePid);
        startX();
        startPulse();
        // first start: Dino makes its database, then the account and the conversations go in
        Path db = home.resolve(".local/share/dino/dino.db");
        Process first = startDino(namespacePid, List.of(), dir.resolve("dino-first-start.log"));
        Await.until(START_TIMEOUT, "Dino's first start to make " + db,
                () -> alive(first) && Files.exists(db) && "1".equals(sqlite(db, "SELECT count(*) FROM sqlite_master"
                        + " WHERE name = 'conversation'").strip()));
        stop(first);
        started.remove(first);
        sqlite(db, accountSql());
        dino = startDino(namespacePid, List.of("--print-xmpp=all"), log());
        // the XEP-0215 answer comes once Dino is logged in and asks its server for STUN
        Await.until(START_TIMEOUT, "Dino to log in (its log " + log() + " showing the server's STUN service)",
                () -> alive(dino) && read(log()).contains("urn:xmpp:extdisco:2}:service"));
        placeWindow();
    }

    /** The namespace holder ({@code sleep} in a new net + mount namespace), the veth pair and the bind mounts. */
    private int namespace() throws IOException, InterruptedException {
        Process holder = spawn(List.of("unshare", "--net", "--mount", "--", "sleep", "infinity"), "namespace", null);
        int pid = (int) holder.pid();
        Await.until(TOOL_TIMEOUT, "the namespace of pid " + pid, () -> {
            if (!holder.isAlive()) {
                throw new IllegalStateException("unshare --net --mount failed (it needs root, or CAP_SYS_ADMIN and"
                        + " CAP_NET_ADMIN): " + read(dir.resolve("namespace.log")).strip());
            }
            try {
                return !Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net"))
                        .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
            } catch (IOException e) {
                return false;
            }
        });
        int subnet = 10 + pid % 240;
        hostAddress = "198.18." + subnet + ".1";
        String inside = "198.18." + subnet + ".2";
        String hostIf = "jgd" + pid;
        run(List.of("ip", "link", "add", hostIf, "type", "veth", "peer", "name", "eth0", "netns", String.valueOf(pid)));
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf/" + hostIf + "/disable_ipv6"), "1");
        run(List.of("ip", "addr", "add", hostAddress + "/24", "dev", hostIf));
        run(List.of("ip", "link", "set", hostIf, "up"));
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        Path resolv = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        run(List.of("nsenter", "-t", String.valueOf(pid), "-n", "-m", "sh", "-ec", String.join("; ",
                "echo 1 > /proc/sys/net/ipv6/conf/eth0/disable_ipv6",
                "ip link set lo up",
                "ip addr add " + inside + "/24 dev eth0",
                "ip link set eth0 up",
                "ip route add default via 198.18." + subnet + ".254",
                "mount --bind " + hosts + " /etc/hosts",
                "mount --bind " + resolv + " /etc/resolv.conf",
                "mount --bind " + ca.caPem() + " /etc/ssl/certs/ca-certificates.crt")));
        return pid;
    }

    /** 127.0.0.1:5222 inside the namespace -> unix socket -> Prosody's c2s port on this side's loopback. */
    private void relay(int pid) throws IOException {
        Path socket = dir.resolve("c2s.sock");
        spawn(List.of("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early", "TCP:127.0.0.1:" + c2sPort),
                "socat-outside", null);
        Await.until(TOOL_TIMEOUT, "socat's socket " + socket, () -> Files.exists(socket));
        spawn(List.of("nsenter", "-t", String.valueOf(pid), "-n", "-m", "socat",
                "TCP-LISTEN:5222,bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket), "socat-inside", null);
    }

    private void startX() throws IOException {
        display = 90;
        while (Files.exists(Path.of("/tmp/.X" + display + "-lock"))
                || Files.exists(Path.of("/tmp/.X11-unix/X" + display))) {
            display++;
        }
        spawn(List.of("Xvfb", ":" + display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"), "xvfb", null);
        Await.until(TOOL_TIMEOUT, "Xvfb on display :" + display,
                () -> Files.exists(Path.of("/tmp/.X11-unix/X" + display)));
    }

    private void startPulse() throws IOException {
        Path socket = dir.resolve("pulse-native");
        Path wav = dir.resolve("speech.wav");
        SpeechSignal.write(wav, 20);
        Path script = Files.writeString(dir.resolve("dino.pa"), String.join("\n",
                "load-module module-native-protocol-unix auth-anonymous=1 socket=" + socket,
                "load-module module-null-sink sink_name=speaker",
                "load-module module-null-sink sink_name=speech",
                "load-module module-remap-source master=speech.monitor source_name=mic",
                "set-default-sink speaker",
                "set-default-source mic", ""));
        spawn(List.of("pulseaudio", "-n", "-F", script.toString(), "--daemonize=no", "--exit-idle-time=-1",
                "--use-pid-file=no", "--realtime=no", "--high-priority=no", "--system=no", "--log-target=stderr"),
                "pulseaudio", env());
        Await.until(TOOL_TIMEOUT, "PulseAudio's socket " + socket, () -> Files.exists(socket));
        spawn(List.of("sh", "-c", "while paplay --device=speech " + wav + "; do :; done"), "paplay", env());
    }

    private Process startDino(int pid, List<String> args, Path logFile) throws IOException {
        List<String> command = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-n", "-m",
                "dbus-run-session", "--", "dino-im"));
        command.addAll(args);
        Map<String, String> env = env();
        env.put("DISPLAY", ":" + display);
        // cairo rendering keeps an idle Dino near 0 % CPU (GL would go through llvmpipe); no accessibility bus
        env.put("GSK_RENDERER", "cairo");
        env.put("GDK_BACKEND", "x11");
        env.put("NO_AT_BRIDGE", "1");
        env.put("GTK_A11Y", "none");
        // GStreamer's log beside Dino's (dino.log.gst), always with what captureNeverStarted reads
        String gstDebug = System.getenv("JG_DINO_GST_DEBUG");
        if (gstDebug != null && !gstDebug.isBlank()) {
            // diagnosis (docs/testing.md): Dino's debug lines into its log, and the categories asked for
            env.put("G_MESSAGES_DEBUG", "all");
            StringBuilder levels = new StringBuilder(gstDebug);
            for (String level : ALWAYS_GST_DEBUG.split(",")) {
                String category = level.substring(0, level.indexOf(':') + 1);
                if (!Pattern.compile("(^|,)" + Pattern.quote(category)).matcher(gstDebug).find()) {
                    levels.append(',').append(level); // the caller's own level for a category wins
                }
            }
            env.put("GST_DEBUG", levels.toString());
        } else {
            env.put("GST_DEBUG", "*:2," + ALWAYS_GST_DEBUG);
        }
        env.put("GST_DEBUG_NO_COLOR", "1");
        env.put("GST_DEBUG_FILE", logFile.resolveSibling(logFile.getFileName() + ".gst").toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.push(p);
        return p;
    }

    private String accountSql() {
        StringBuilder sql = new StringBuilder("INSERT INTO account (bare_jid, resourcepart, password, alias, enabled)"
                + " VALUES (" + quote(user + "@" + XMPP_DOMAIN) + ", 'dino', " + quote(password) + ", "
                + quote(user) + ", 1);\n");
        for (String jid : conversations) {
            sql.append("INSERT INTO jid (bare_jid) VALUES (").append(quote(jid)).append(");\n");
            // type 0 = chat, encryption 0 = none; active so that it is listed and opened
            sql.append("INSERT INTO conversation (account_id, jid_id, active, active_last_changed, last_active, type,"
                    + " encryption, read_up_to_item, notification, send_typing, send_marker, pinned) VALUES ("
                    + "(SELECT id FROM account WHERE bare_jid = ").append(quote(user + "@" + XMPP_DOMAIN))
                    .append("), (SELECT id FROM jid WHERE bare_jid = ").append(quote(jid))
                    .append("), 1, strftime('%s','now'), strftime('%s','now'), 0, 0, -1, 0, 0, 0, 0);\n");
        }
        return sql.toString();
    }

    /** Puts Dino's main window at 0,0 with the size the click coordinates were taken at. */
    private void placeWindow() throws IOException, InterruptedException {
        String id = "";
        long best = -1;
        for (String w : xdotool("search", "--name", "^Dino$").lines().toList()) {
            String geometry = xdotool("getwindowgeometry", w.strip());
            Matcher m = Pattern.compile("Geometry: (\\d+)x(\\d+)").matcher(geometry);
            if (m.find() && Long.parseLong(m.group(1)) * Long.parseLong(m.group(2)) > best) {
                best = Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
                id = w.strip();
            }
        }
        if (id.isEmpty()) {
            throw new IllegalStateException("no Dino window on display :" + display);
        }
        xdotool("windowsize", id, String.valueOf(WIDTH), String.valueOf(HEIGHT));
        xdotool("windowmove", id, "0", "0");
    }

    // ---- screen ----------------------------------------------------------------------------------------------------

    private void click(Point p) throws IOException, InterruptedException {
        xdotool("mousemove", String.valueOf(p.x()), String.valueOf(p.y()), "click", "1");
    }

    /** Waits until some pixel of the square of side {@code size} around {@code p} matches. */
    private void awaitPixels(Point p, int size, String state, IntPredicate match) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + UI_TIMEOUT.toNanos();
        while (square(p, size).stream().noneMatch(match::test)) {
            if (System.nanoTime() > deadline) {
                Path shot = screenshot("timeout-" + System.currentTimeMillis());
                throw new AssertionError("timed out after " + UI_TIMEOUT.toSeconds() + " s waiting for " + p.what()
                        + " to be " + state + " at " + p.x() + "," + p.y() + "; screenshot " + shot + ", Dino's log "
                        + log());
            }
            Thread.sleep(200);
        }
    }

    /** The pixels (0xRRGGBB) of a square around a point, read with ImageMagick's import. */
    private List<Integer> square(Point p, int size) throws IOException, InterruptedException {
        String txt = run(List.of("import", "-display", ":" + display, "-window", "root", "-crop",
                size + "x" + size + "+" + (p.x() - size / 2) + "+" + (p.y() - size / 2), "-depth", "8", "txt:-"));
        return colours(txt);
    }

    /** The colours of ImageMagick's {@code txt:} listing, in order. */
    private static List<Integer> colours(String txt) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("#([0-9A-Fa-f]{6})").matcher(txt);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1), 16));
        }
        return out;
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xff;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    private static int chroma(int rgb) {
        int max = Math.max(red(rgb), Math.max(green(rgb), blue(rgb)));
        return max - Math.min(red(rgb), Math.min(green(rgb), blue(rgb)));
    }

    private static int luma(int rgb) {
        return (red(rgb) * 3 + green(rgb) * 6 + blue(rgb)) / 10;
    }

    private String xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        return run(command);
    }

    // ---- processes -------------------------------------------------------------------------------------------------

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        env.put("PULSE_SERVER", "unix:" + dir.resolve("pulse-native"));
        env.put("DISPLAY", ":" + display);
        return env;
    }

    /** Starts a long-running process with its output in {@code <name>.log}; {@link #close()} stops it. */
    private Process spawn(List<String> command, String name, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        started.push(p);
        return p;
    }

    /** Runs a short command to its end (at most 20 s); a non-zero exit fails with its output. */
    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (home != null) {
            pb.environment().put("DISPLAY", ":" + display);
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private String sqlite(Path db, String sql) {
        try {
            return run(List.of("sqlite3", db.toString(), sql));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalStateException e) {
            // the database may be half-made while Dino writes its schema: asked again
            return "";
        }
    }

    /** Stops a process and everything below it (SIGTERM, then SIGKILL after 5 s). */
    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean alive(Process p) {
        if (!p.isAlive()) {
            throw new IllegalStateException("Dino exited with " + p.exitValue());
        }
        return true;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String read(Path file) {
        try {
            // lenient: a log may hold bytes that are not UTF-8
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
