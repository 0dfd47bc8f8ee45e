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
        // inside compute, so a concurrent remove cannot drop the list this device is being added to
        byUser.compute(device.jid().getNode(), (u, l) -> {
            List<Device> list = l == null ? new CopyOnWriteArrayList<>() : l;
            list.add(device);
            return list;
        });
    }

    /** Removes a device; true when it was registered. */
    public boolean remove(Device device) {
        boolean[] removed = {false};
        byUser.computeIfPresent(device.jid().getNode(), (u, l) -> {
            removed[0] = l.remove(device);
            return l.isEmpty() ? null : l;
        });
        return removed[0];
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
