package org.jinglegateway.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * The calls in memory, found without scanning them all: by Jingle session ({@link CallKey}), by the browser's callId
 * on its device, and indexed by sid, by peer user and by device, for XEP-0353 messages, presence and closing sockets.
 * Safe for the routers' threads; a call is added once and removed once.
 */
final class CallRegistry {
    private final Map<CallKey, Call> byKey = new ConcurrentHashMap<>();
    private final Map<String, Call> byBrowserKey = new ConcurrentHashMap<>();
    private final Map<String, Set<Call>> bySid = new ConcurrentHashMap<>();
    private final Map<JID, Set<Call>> byPeerBare = new ConcurrentHashMap<>();
    private final Map<JID, Set<Call>> byDevice = new ConcurrentHashMap<>();

    /** Adds a call unless its Jingle session is known already (a repeated propose); true when added. */
    boolean add(Call call) {
        if (byKey.putIfAbsent(call.key(), call) != null) {
            return false;
        }
        byBrowserKey.put(browserKey(call.device, call.callId), call);
        index(bySid, call.sid, call);
        index(byPeerBare, call.peerBare, call);
        index(byDevice, call.local, call);
        return true;
    }

    /** Forgets a call and every index entry of it. */
    void remove(Call call) {
        byKey.remove(call.key(), call);
        byBrowserKey.remove(browserKey(call.device, call.callId), call);
        unindex(bySid, call.sid, call);
        unindex(byPeerBare, call.peerBare, call);
        unindex(byDevice, call.local, call);
    }

    Optional<Call> byKey(CallKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The call a device's browser calls {@code callId}. */
    Optional<Call> byCallId(Device device, String callId) {
        return Optional.ofNullable(byBrowserKey.get(browserKey(device, callId)));
    }

    boolean hasCallId(Device device, String callId) {
        return byBrowserKey.containsKey(browserKey(device, callId));
    }

    /** Calls whose Jingle sid (or XEP-0353 id) is {@code sid}: one per ringing device at most. */
    List<Call> withSid(String sid) {
        return List.copyOf(bySid.getOrDefault(sid, Set.of()));
    }

    /** Calls with any device of the user {@code peer} names. */
    List<Call> withPeer(JID peer) {
        return List.copyOf(byPeerBare.getOrDefault(peer.asBareJID(), Set.of()));
    }

    /** Calls of one browser device. */
    List<Call> ofDevice(JID device) {
        return List.copyOf(byDevice.getOrDefault(device, Set.of()));
    }

    List<Call> all() {
        return List.copyOf(byBrowserKey.values());
    }

    int size() {
        return byBrowserKey.size();
    }

    // add and remove inside compute, so that a concurrent remove of a key's last call cannot drop a set being added to
    private static <K> void index(Map<K, Set<Call>> index, K key, Call call) {
        index.compute(key, (k, set) -> {
            Set<Call> calls = set == null ? ConcurrentHashMap.newKeySet() : set;
            calls.add(call);
            return calls;
        });
    }

    private static <K> void unindex(Map<K, Set<Call>> index, K key, Call call) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(call);
            return set.isEmpty() ? null : set;
        });
    }

    private static String browserKey(Device device, String callId) {
        return device.jid() + "\u0000" + callId;
    }
}
