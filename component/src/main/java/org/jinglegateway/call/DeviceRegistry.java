package org.jinglegateway.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xmpp.packet.JID;

/** The browser devices online now, by user; several devices per user, one resource each. */
public final class DeviceRegistry {
    private final Map<String, List<Device>> byUser = new ConcurrentHashMap<>();

    public void add(Device device) {
        byUser.computeIfAbsent(device.jid().getNode(), u -> new CopyOnWriteArrayList<>()).add(device);
    }

    /** Removes a device; true when it was registered. */
    public boolean remove(Device device) {
        List<Device> list = byUser.get(device.jid().getNode());
        if (list == null) {
            return false;
        }
        boolean removed = list.remove(device);
        byUser.computeIfPresent(device.jid().getNode(), (u, l) -> l.isEmpty() ? null : l);
        return removed;
    }

    /** The devices of a user (the node of a JID on the gateway's domain). */
    public List<Device> of(String user) {
        return List.copyOf(byUser.getOrDefault(user, List.of()));
    }

    /** The device with this full JID, if it is online. */
    public Optional<Device> find(JID full) {
        if (full.getNode() == null || full.getResource() == null) {
            return Optional.empty();
        }
        return of(full.getNode()).stream().filter(d -> d.jid().equals(full)).findFirst();
    }

    public List<Device> all() {
        return byUser.values().stream().flatMap(List::stream).toList();
    }

    public int size() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }
}
