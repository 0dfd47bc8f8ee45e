package org.jinglegateway.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Browser devices from registration to the end, across sockets (docs/protocol.md §2 and §8): a registration makes
 * a {@link BrowserDevice} with a new JID and a resume token; a dropped socket leaves the device away for {@code
 * calls.resume-seconds}; a resume with the token gives it to the new socket; a window that closes, held frames past
 * their bounds or a socket closed for cause drop it, which ends its calls with {@code gone} and sends unavailable
 * presence. Resume tokens are 160 random bits (URL-safe base32), single use and bound to the user; only their
 * SHA-256 is kept, and logs show the first 8 hex digits of that.
 */
public final class DeviceSessions {
    /** RFC 6455 §7.4.1 policy violation: a socket closed for cause. */
    public static final int POLICY_VIOLATION = 1008;
    /** A socket whose device was resumed on another socket is closed with this (RFC 6455 §7.4.2 private range). */
    public static final int REPLACED = 4001;
    /** RFC 6455 §7.4.1, service restart: an instance lets its devices go; the SDK resumes at once elsewhere. */
    public static final int SERVICE_RESTART = 1012;
    /** Characters of a resume token: 32 × 5 bits. */
    static final int TOKEN_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(DeviceSessions.class);

    private final CallService calls;
    private final DevicePresence presence;
    private final Timers timers;
    private final ResumePolicy policy;
    private final Ids ids = new Ids();
    /** SHA-256 of a live resume token (hex) -> its device. */
    private final Map<String, BrowserDevice> byToken = new ConcurrentHashMap<>();
    private volatile DeviceListener listener = DeviceListener.NONE;

    public DeviceSessions(CallService calls, DevicePresence presence, ResumePolicy policy,
                          ScheduledExecutorService timers) {
        this(calls, presence, policy, Timers.of(timers));
    }

    DeviceSessions(CallService calls, DevicePresence presence, ResumePolicy policy, Timers timers) {
        this.calls = calls;
        this.presence = presence;
        this.policy = policy;
        this.timers = timers;
    }

    public void setListener(DeviceListener l) {
        this.listener = l;
    }

    /** False while this instance is out of its cluster ({@link Directory#serving()}): pages go elsewhere. */
    public boolean serving() {
        return calls.context().directory().serving();
    }

    /**
     * A new device for {@code user} on {@code link}: {@code registered} (with {@code jid}, {@code resume} unless resume
     * is off, and what {@code extras} adds) is its first frame, and the device can take calls by the time the page
     * reads it; its presence goes out just after.
     */
    public BrowserDevice register(String user, DeviceLink link, Consumer<ObjectNode> extras) {
        JID jid = new JID(user, calls.domain(), "web-" + ids.next(8));
        BrowserDevice device = new BrowserDevice(jid, policy, this::lost, link);
        ObjectNode registered = Frames.of("registered").put("jid", jid.toString());
        if (policy.enabled()) {
            registered.put("resume", issue(device));
        }
        extras.accept(registered);
        // in a cluster the other instances learn where the device is before the page learns its JID, so that a call
        // placed to it the moment the page knows it is routed here (docs/operations.md, "Several instances")
        calls.context().directory().deviceOnline(jid, device.tokenKey().orElse(""));
        // online before the page learns its JID (a call placed to it the moment it does must find it: CI saw one
        // miss it by a millisecond), yet registered its first frame: a frame for it waits for this lock (sendText)
        synchronized (device) {
            calls.devices().add(device);
            device.send(registered);
        }
        log.info("device.online jid={}", jid);
        presence.deviceOnline(device);
        return device;
    }

    /**
     * {@code user}'s device with this resume token moves to {@code link}: {@code registered} with the same JID, a new
     * token and the calls still going on, then the frames held for it. Empty when the token is unknown, used, for
     * another user, or its window has closed (the caller answers {@code resume-failed}).
     */
    public Optional<BrowserDevice> resume(String user, String token, DeviceLink link, Consumer<ObjectNode> extras) {
        String key = key(token);
        BrowserDevice device = byToken.get(key);
        if (policy.enabled() && device == null) {
            Optional<Directory.Claimed> claimed = calls.context().directory().claim(user, key);
            if (claimed.isPresent()) {
                return Optional.of(takeOver(claimed.get(), link, extras));
            }
        }
        if (!policy.enabled() || device == null || !device.jid().getNode().equals(user)) {
            // another user's token stays usable for its own user: guessing gains nothing, and no one can spoil it
            return failed(user, key, !policy.enabled() ? "off" : device == null ? "unknown" : "other-user");
        }
        if (!byToken.remove(key, device)) {
            return failed(user, key, "used");
        }
        String next = issue(device);
        calls.context().directory().deviceToken(device.jid(), key(next), Optional.of(key));
        List<Call> going = calls.context().calls.ofDevice(device.jid()).stream()
                .filter(call -> call.device == device && !call.ended()).toList();
        ObjectNode registered = resumed(device, next, going);
        ArrayNode list = (ArrayNode) registered.get("calls");
        extras.accept(registered);
        Optional<BrowserDevice.Resumed> resumed = device.resumeOn(link, registered.toString());
        if (resumed.isEmpty()) {
            byToken.remove(key(next), device);
            return failed(user, key, "gone");
        }
        resumed.get().replaced().ifPresent(old -> old.close(REPLACED, "resumed on another socket"));
        listener.resumed();
        log.info("device.resumed jid={} token={} calls={} replayed={} replaced={}", device.jid(), shortKey(key),
                list.size(), resumed.get().replayed(), resumed.get().replaced().isPresent());
        return Optional.of(device);
    }

    /** {@code registered} for a resumed device: its JID, its new token and the calls still going on. */
    private static ObjectNode resumed(BrowserDevice device, String token, List<Call> going) {
        ObjectNode registered = Frames.of("registered").put("jid", device.jid().toString()).put("resume", token);
        ArrayNode list = registered.putArray("calls");
        for (Call call : going) {
            list.addObject().put("callId", call.callId).put("state", stateWord(call));
        }
        return registered;
    }

    /**
     * A device claimed from another instance comes here with its calls (docs/operations.md, "Several instances"):
     * {@code registered} as for a resume, then the frames its old instance held for it.
     */
    private BrowserDevice takeOver(Directory.Claimed claimed, DeviceLink link, Consumer<ObjectNode> extras) {
        BrowserDevice device = new BrowserDevice(claimed.device(), policy, this::lost, null);
        String next = issue(device);
        List<Call> restored = calls.restore(device, claimed.calls());
        ObjectNode registered = resumed(device, next, restored);
        extras.accept(registered);
        for (String frame : claimed.heldFrames()) {
            device.sendText(frame);
        }
        calls.context().directory().deviceOnline(device.jid(), key(next));
        device.resumeOn(link, registered.toString());
        calls.devices().add(device);
        listener.resumed();
        log.info("device.taken-over jid={} calls={} held={}", device.jid(), restored.size(),
                claimed.heldFrames().size());
        if (!serving()) {
            // this instance left its cluster while the claim ran (its map calls can wait out a split): the device
            // goes back to the cluster at once, and the page to another instance
            handOff(device, SERVICE_RESTART, "this gateway instance lost its cluster; resume on another");
            return device;
        }
        claimed.done().run();
        return device;
    }

    /**
     * Hands a device of this instance to another one that claims it (docs/operations.md, "Several instances"): its
     * calls' snapshots are saved, the frames held for it go to the directory, its socket is closed with 4001, and it
     * leaves this instance without ending a call or going offline. False when the device is not here.
     */
    public boolean release(JID jid) {
        Optional<BrowserDevice> found = calls.devices().find(jid).filter(BrowserDevice.class::isInstance)
                .map(BrowserDevice.class::cast);
        if (found.isEmpty()) {
            return false;
        }
        BrowserDevice device = found.get();
        handOff(device, REPLACED, "resumed on another instance");
        return true;
    }

    /** SIGTERM in a cluster: every device here is handed over; its socket closes with 1012 so that it resumes. */
    public int releaseAll(int code, String reason) {
        int n = 0;
        for (Device d : calls.devices().all()) {
            if (d instanceof BrowserDevice b) {
                handOff(b, code, reason);
                n++;
            }
        }
        return n;
    }

    private void handOff(BrowserDevice device, int code, String reason) {
        Optional<DeviceLink> old = device.holdFrames();
        calls.release(device);
        List<String> held = device.handOff();
        device.tokenKey().ifPresent(k -> byToken.remove(k, device));
        calls.devices().remove(device);
        calls.context().directory().deviceReleased(device.jid(), held);
        old.ifPresent(l -> l.close(code, reason));
        log.info("device.handed-off jid={} held={}", device.jid(), held.size());
    }

    private Optional<BrowserDevice> failed(String user, String key, String why) {
        listener.resumeFailed();
        log.info("device.resume-failed user={} token={} why={}", user, shortKey(key), why);
        return Optional.empty();
    }

    /**
     * The socket {@code link} that carried {@code device} closed. With resume on, and unless the socket was closed for
     * cause ({@code resumable} false), the device is away until a resume or the end of the window; else it goes now.
     */
    public void detached(BrowserDevice device, DeviceLink link, boolean resumable) {
        OptionalLong absence = device.detach(link);
        if (absence.isEmpty()) {
            return;
        }
        long n = absence.getAsLong();
        if (!resumable || !policy.enabled()) {
            if (device.goneIfAway(n)) {
                drop(device, "closed", "the browser disconnected");
            }
            return;
        }
        log.info("device.away jid={} window_s={}", device.jid(), policy.window().toSeconds());
        device.expiresWith(n, timers.after(policy.window(), () -> {
            if (device.goneIfAway(n)) {
                listener.lostWhileAway("window");
                drop(device, "window", "the browser did not come back within " + policy.window().toSeconds()
                        + " s");
            }
        }));
    }

    /** Devices away now, held for a resume (for metrics). */
    public long away() {
        return calls.devices().all().stream().filter(d -> d instanceof BrowserDevice b && b.away()).count();
    }

    private void lost(BrowserDevice device, String why, String text) {
        if (device.gone()) {
            if ("held-frames".equals(why)) {
                listener.lostWhileAway(why);
            }
            drop(device, why, text);
        }
    }

    /** The device is gone (already GONE): its token dies, its calls end with {@code gone}, it goes offline. */
    private void drop(BrowserDevice device, String why, String text) {
        device.tokenKey().ifPresent(k -> byToken.remove(k, device));
        if (calls.devices().remove(device)) {
            calls.context().directory().deviceGone(device.jid(), device.tokenKey());
            log.info("device.offline jid={} why={}", device.jid(), why);
            calls.deviceGone(device, text);
            presence.deviceOffline(device);
        }
    }

    /** A new resume token for the device; the one it had dies. */
    private String issue(BrowserDevice device) {
        String token = ids.next(TOKEN_LENGTH);
        String key = key(token);
        byToken.put(key, device);
        device.tokenKey(key).ifPresent(old -> byToken.remove(old, device));
        return token;
    }

    private static String key(String token) {
        return Hashing.sha256().hashString(token, StandardCharsets.UTF_8).toString();
    }

    private static String shortKey(String key) {
        return key.substring(0, 8);
    }

    /**
     * A call's state in the words of a resume's {@code calls} list (docs/protocol.md §8): {@code calling} (placed by
     * the browser, not answered yet), {@code ringing} (offered to the browser, which has not taken it yet), {@code
     * connecting} (a proposal the browser accepted, its session not set up yet), {@code active}.
     */
    static String stateWord(Call call) {
        CallState state = call.state();
        if (state == CallState.ACTIVE) {
            return "active";
        }
        if (call.outgoing) {
            return "calling";
        }
        // a direct session-initiate is answered by the browser's answer, a proposal by its accept
        return call.jmi ? call.accepted() ? "connecting" : "ringing" : "ringing";
    }
}
