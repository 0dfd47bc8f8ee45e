package org.jinglegateway.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Device;
import org.jinglegateway.call.DevicePresence;
import org.jinglegateway.call.XmppSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Browser users as XMPP contacts (docs/protocol.md §6): subscriptions are granted, and each online device sends
 * available presence with XEP-0115 caps to the users who asked for it, so that Conversations and Dino show their
 * call buttons. Who asked is kept in memory (the server probes again when its users log in).
 */
public final class UserPresence implements DevicePresence {
    private static final Logger log = LoggerFactory.getLogger(UserPresence.class);
    /** XEP-0115 node: a caps hash names the feature list, the node names the software. */
    public static final String CAPS_NODE = "https://github.com/jingle-gateway/jingle-gateway";
    public static final String IDENTITY_CATEGORY = "client";
    public static final String IDENTITY_TYPE = "web";
    public static final String IDENTITY_NAME = "jingle-gateway";
    /** What a browser device can do, as disco#info on its full JID lists it. */
    public static final List<String> DEVICE_FEATURES = List.of(
            "http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#info",
            "urn:xmpp:jingle-message:0",
            "urn:xmpp:jingle:1",
            "urn:xmpp:jingle:apps:dtls:0",
            "urn:xmpp:jingle:apps:grouping:0",
            "urn:xmpp:jingle:apps:rtp:1",
            "urn:xmpp:jingle:apps:rtp:audio",
            "urn:xmpp:jingle:apps:rtp:rtcp-fb:0",
            "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0",
            "urn:xmpp:jingle:apps:rtp:ssma:0",
            "urn:xmpp:jingle:apps:rtp:video",
            "urn:xmpp:jingle:transports:dtls-sctp:1",
            "urn:xmpp:jingle:transports:ice-udp:1");
    public static final String CAPS_VER = capsVer();

    private final XmppSender xmpp;
    private final CallService calls;
    /**
     * Who watches each user (any contact may subscribe to or probe any name at the domain, from any number of
     * JIDs): past these bounds a watcher still hears the presence of the moment, but no later change.
     */
    static final int MAX_WATCHERS_PER_USER = 1000;
    static final int MAX_WATCHED_USERS = 100_000;
    private final Map<String, Set<JID>> watchers = new ConcurrentHashMap<>();
    /** Several instances: devices and watchers of the whole cluster; empty for one process. */
    private volatile Optional<Shared> shared = Optional.empty();

    /** What every instance of a cluster shares about presence (docs/operations.md, "Several instances"). */
    public interface Shared {
        /** The user's devices on every instance. */
        List<JID> devicesOf(String user);

        /** Remembers a watcher; false when it was known, or the user has {@code max} watchers already. */
        boolean watch(String user, JID who, int max);

        void unwatch(String user, JID who);

        List<JID> watchersOf(String user);

        /** user -> watchers, for every watched user. */
        Map<String, ? extends java.util.Collection<String>> all();
    }

    /** Devices and watchers come from the cluster from now on. */
    public void share(Shared s) {
        this.shared = Optional.of(s);
    }

    /** A device nobody claimed after its instance died is offline: its watchers hear it. */
    public void deviceOffline(JID device) {
        for (JID w : watchersOf(device.getNode())) {
            Presence p = new Presence(Presence.Type.unavailable);
            p.setFrom(device);
            p.setTo(w);
            xmpp.send(p);
        }
    }

    private java.util.Collection<JID> watchersOf(String user) {
        return shared.<java.util.Collection<JID>>map(s -> s.watchersOf(user))
                .orElseGet(() -> watchers.getOrDefault(user, Set.of()));
    }

    public UserPresence(XmppSender xmpp, CallService calls) {
        this.xmpp = xmpp;
        this.calls = calls;
    }

    /** A presence stanza sent to a browser user (or to the gateway's domain). */
    public void onPresence(Presence p) {
        JID from = p.getFrom();
        JID to = p.getTo();
        if (from == null || to == null) {
            return;
        }
        if (p.getType() == null) {
            Element c = p.getChildElement("c", "http://jabber.org/protocol/caps");
            if (c != null && c.attributeValue("node") != null) {
                calls.onPeerCaps(from, to, c.attributeValue("node"), c.attributeValue("ver"));
            }
            return;
        }
        switch (p.getType()) {
            case unavailable -> calls.onPeerUnavailable(from);
            case subscribe -> {
                if (to.getNode() == null) {
                    return;
                }
                reply(to.asBareJID(), from.asBareJID(), Presence.Type.subscribed);
                watch(to.getNode(), from);
                // ask back, so that the peer's unavailable presence ends its calls
                reply(to.asBareJID(), from.asBareJID(), Presence.Type.subscribe);
                sendCurrent(to.getNode(), from.asBareJID());
            }
            case unsubscribe -> {
                if (to.getNode() != null) {
                    unwatch(to.getNode(), from);
                    reply(to.asBareJID(), from.asBareJID(), Presence.Type.unsubscribed);
                }
            }
            case probe -> {
                if (to.getNode() != null) {
                    watch(to.getNode(), from);
                    sendCurrent(to.getNode(), from.asBareJID());
                }
            }
            default -> {
                // subscribed, unsubscribed: acknowledgements; error: nothing to do
            }
        }
    }

    @Override
    public void deviceOnline(Device device) {
        for (JID w : watchersOf(device.jid().getNode())) {
            xmpp.send(available(device.jid(), w));
        }
    }

    @Override
    public void deviceOffline(Device device) {
        deviceOffline(device.jid());
    }

    /**
     * After a reconnect: every watcher hears the current presence of the users it watches. A restarted server has
     * forgotten it, and the probes its users sent while the component was away were lost.
     */
    public void announceAll() {
        int n = 0;
        Map<String, ? extends java.util.Collection<?>> all = shared.<Map<String, ? extends java.util.Collection<?>>>map(
                Shared::all).orElse(watchers);
        for (Map.Entry<String, ? extends java.util.Collection<?>> e : all.entrySet()) {
            for (Object w : e.getValue()) {
                sendCurrent(e.getKey(), new JID(w.toString()));
                n++;
            }
        }
        log.info("presence.announced watchers={}", n);
    }

    private void sendCurrent(String user, JID to) {
        List<JID> online = shared.map(s -> s.devicesOf(user))
                .orElseGet(() -> calls.devices().of(user).stream().map(Device::jid).toList());
        if (online.isEmpty()) {
            Presence p = new Presence(Presence.Type.unavailable);
            p.setFrom(new JID(user, calls.domain(), null));
            p.setTo(to);
            xmpp.send(p);
        }
        for (JID d : online) {
            xmpp.send(available(d, to));
        }
    }

    private static Presence available(JID from, JID to) {
        Presence p = new Presence();
        p.setFrom(from);
        p.setTo(to);
        Element c = p.addChildElement("c", "http://jabber.org/protocol/caps");
        c.addAttribute("hash", "sha-1");
        c.addAttribute("node", CAPS_NODE);
        c.addAttribute("ver", CAPS_VER);
        return p;
    }

    private void reply(JID from, JID to, Presence.Type type) {
        Presence p = new Presence(type);
        p.setFrom(from);
        p.setTo(to);
        xmpp.send(p);
    }

    private void watch(String user, JID who) {
        JID bare = who.asBareJID();
        if (shared.isPresent()) {
            if (shared.get().watch(user, bare, MAX_WATCHERS_PER_USER)) {
                log.info("presence.watch user={} by={}", user, bare);
            }
            return;
        }
        if (!watchers.containsKey(user) && watchers.size() >= MAX_WATCHED_USERS) {
            log.debug("presence.watch not kept user={} by={}: {} users are watched already", user, bare,
                    MAX_WATCHED_USERS);
            return;
        }
        Set<JID> of = watchers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
        if (of.size() >= MAX_WATCHERS_PER_USER && !of.contains(bare)) {
            log.debug("presence.watch not kept user={} by={}: {} watchers already", user, bare,
                    MAX_WATCHERS_PER_USER);
            return;
        }
        if (of.add(bare)) {
            log.info("presence.watch user={} by={}", user, who.asBareJID());
        }
    }

    private void unwatch(String user, JID who) {
        shared.ifPresent(s -> s.unwatch(user, who.asBareJID()));
        watchers.computeIfPresent(user, (u, s) -> {
            s.remove(who.asBareJID());
            return s.isEmpty() ? null : s;
        });
    }

    /** XEP-0115 §5.1: SHA-1 over "category/type/lang/name<" and each sorted feature followed by "<". */
    private static String capsVer() {
        StringBuilder s = new StringBuilder(IDENTITY_CATEGORY + "/" + IDENTITY_TYPE + "//" + IDENTITY_NAME + "<");
        DEVICE_FEATURES.stream().sorted().forEach(f -> s.append(f).append('<'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
