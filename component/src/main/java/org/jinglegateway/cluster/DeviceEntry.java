package org.jinglegateway.cluster;

import java.io.Serializable;

/**
 * A browser device in the shared directory: the instance that holds it ({@code owner}, an instance tag), the hash
 * of its resume token, and whether that instance let go of it ({@code released}: handed over on SIGTERM or to a
 * claim under way), so that stanzas for it wait in the cluster for whoever claims it.
 */
record DeviceEntry(String owner, String tokenKey, boolean released) implements Serializable {

    DeviceEntry releasedNow() {
        return new DeviceEntry(owner, tokenKey, true);
    }
}
