package org.jinglegateway.call;

/** What the device layer reports for metrics: resumes and devices lost while away. Defaults do nothing. */
public interface DeviceListener {
    DeviceListener NONE = new DeviceListener() {
    };

    /** A device was resumed on a new socket. */
    default void resumed() {
    }

    /** A resume was refused ({@code resume-failed}). */
    default void resumeFailed() {
    }

    /** An away device was dropped: {@code why} is {@code window} or {@code held-frames}. */
    default void lostWhileAway(String why) {
    }
}
