package org.jinglegateway.call;

import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * The shared directory of several instances, as the call layer sees it (docs/operations.md, "Several instances"):
 * which instance holds each browser device, what each call needs to go on elsewhere, and claiming a device whose
 * instance is gone or is handing it over. {@link #NONE} is one process on its own.
 */
public interface Directory {
    Directory NONE = new Directory() {
    };

    /** A device registered here; {@code tokenKey} is the hash of its resume token. */
    default void deviceOnline(JID device, String tokenKey) {
    }

    /** The device's resume token changed (a resume used the old one). */
    default void deviceToken(JID device, String tokenKey, Optional<String> oldKey) {
    }

    /** The device is gone for good: its entry and its calls' snapshots go. */
    default void deviceGone(JID device, Optional<String> tokenKey) {
    }

    /**
     * The device left this instance without going offline (a claim from another instance, or SIGTERM): whoever
     * claims it gets these frames, which were held for it here.
     */
    default void deviceReleased(JID device, List<String> heldFrames) {
    }

    /** A call's snapshot changed ({@link Call#snapshot}, as JSON text). */
    default void callSaved(JID device, String callId, String snapshot) {
    }

    /** A call ended. */
    default void callGone(JID device, String callId) {
    }

    /**
     * The device of another instance whose resume token hashes to {@code tokenKey}, claimed for this instance: its
     * JID, its calls' snapshots and the frames its old instance held for it. Empty when no instance knows the token,
     * it is another user's, or another instance claimed the device first.
     */
    default Optional<Claimed> claim(String user, String tokenKey) {
        return Optional.empty();
    }

    /**
     * False while this instance is out of its cluster (excluded after a freeze, or left in a minority): a page that
     * registers or resumes here now is sent to another instance.
     */
    default boolean serving() {
        return true;
    }

    /** A device taken over from another instance. {@code done} runs once the device is registered here. */
    record Claimed(JID device, List<String> calls, List<String> heldFrames, Runnable done) {
    }

    /**
     * A user's proposal was taken or declined on a device here: the user's ringing devices on other instances stop
     * ({@code reason}, {@code text} as for the devices here).
     */
    /**
     * What ends the id of a request this instance sends from a shared address (a user's bare JID, the domain), whose
     * answer the server may hand to any instance: the cluster passes such an answer on to the instance its id names.
     */
    default String requestIdSuffix() {
        return "";
    }

    default void siblingsEnded(JID user, String sid, JID peerBare, String reason, String text) {
    }
}
