package org.jinglegateway.cluster;

import java.io.Serializable;

/**
 * A browser device in the shared directory: the instance that holds it ({@code owner}, an instance tag), the hash
 * of its resume token, and whether that instance let go of it ({@code released}: handed over on SIGTERM or to a
 * claim under way; {@code releasedAtMillis} when), so that stanzas for it wait in the cluster for whoever claims it.
 */
record DeviceEntry(String owner, String tokenKey, boolean released, long releasedAtMillis) implements Serializable {

    /** A device {@code owner} holds now. */
    static DeviceEntry heldBy(String owner, String tokenKey) {
        return new DeviceEntry(owner, tokenKey, false, 0);
    }

    DeviceEntry releasedNow() {
        return new DeviceEntry(owner, tokenKey, true, System.currentTimeMillis());
    }
}
