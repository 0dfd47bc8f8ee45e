package org.jinglegateway.call;

/** How a device's coming and going shows to XMPP: available and unavailable presence (docs/protocol.md §6). */
public interface DevicePresence {
    void deviceOnline(Device device);

    void deviceOffline(Device device);
}
