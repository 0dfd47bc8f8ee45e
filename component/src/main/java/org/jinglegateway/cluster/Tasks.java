package org.jinglegateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The small pieces of code Hazelcast runs on another member: a claim of a directory entry (atomic on the member that
 * owns the key), the filters of a directory scan, and requests to another instance's gateway.
 */
final class Tasks {
    private Tasks() {
    }

    /** Moves a device entry to {@code to}, only if it still belongs to {@code from}; true when it did. */
    record Claim(String from, String to, String tokenKey) implements EntryProcessor<String, DeviceEntry, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, DeviceEntry> entry) {
            DeviceEntry now = entry.getValue();
            if (now == null || !now.owner().equals(from)) {
                return false;
            }
            entry.setValue(DeviceEntry.heldBy(to, tokenKey));
            return true;
        }
    }

    /** Reads an entry where its key lives, past any near cache; writes nothing, so it needs no backup. */
    record Read() implements EntryProcessor<String, DeviceEntry, DeviceEntry>, ReadOnly {
        @Override
        public DeviceEntry process(Map.Entry<String, DeviceEntry> entry) {
            return entry.getValue();
        }

        @Override
        public EntryProcessor<String, DeviceEntry, DeviceEntry> getBackupProcessor() {
            return null;
        }
    }

    /** Marks a device entry let go of, only if {@code owner} holds it; true when it did. */
    record LetGo(String owner) implements EntryProcessor<String, DeviceEntry, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, DeviceEntry> entry) {
            DeviceEntry now = entry.getValue();
            if (now == null || now.released() || !now.owner().equals(owner)) {
                return false;
            }
            entry.setValue(now.releasedNow());
            return true;
        }
    }

    /** Entries of devices {@code owner} holds (not let go of). */
    record HeldBy(String owner) implements Predicate<String, DeviceEntry> {
        @Override
        public boolean apply(Map.Entry<String, DeviceEntry> entry) {
            return !entry.getValue().released() && entry.getValue().owner().equals(owner);
        }
    }

    /** Entries of devices an instance among {@code alive} holds (not let go of). */
    record Online(java.util.Set<String> alive) implements Predicate<String, DeviceEntry> {
        @Override
        public boolean apply(Map.Entry<String, DeviceEntry> entry) {
            return !entry.getValue().released() && alive.contains(entry.getValue().owner());
        }
    }

    /** Entries of devices nobody holds now: let go of, or of an instance not among {@code alive}. */
    record Unheld(java.util.Set<String> alive) implements Predicate<String, DeviceEntry> {
        @Override
        public boolean apply(Map.Entry<String, DeviceEntry> entry) {
            return entry.getValue().released() || !alive.contains(entry.getValue().owner());
        }
    }

    /** Keys that start with a prefix (a device's calls: {@code jid|callId}). */
    record KeyPrefix(String prefix) implements Predicate<String, String> {
        @Override
        public boolean apply(Map.Entry<String, String> entry) {
            return entry.getKey().startsWith(prefix);
        }
    }

    /** Runs on the instance that holds a device: it lets the device go (see ClusterNode#release). */
    static final class Release implements Callable<Boolean>, HazelcastInstanceAware, Serializable {
        private static final long serialVersionUID = 1L;
        private final String device;
        private transient HazelcastInstance hz;

        Release(String device) {
            this.device = device;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.hz = instance;
        }

        @Override
        public Boolean call() {
            return ClusterNode.of(hz).directory().releaseHere(device);
        }
    }

    /** Runs on the instance that holds a call or a device: an administrator ends the call or disconnects the device. */
    static final class Admin implements Callable<Boolean>, HazelcastInstanceAware, Serializable {
        private static final long serialVersionUID = 1L;

        enum Kind { END_CALL, DISCONNECT }

        private final Kind kind;
        private final String target;
        private final String why;
        private transient HazelcastInstance hz;

        /** {@code target}: a call's id (END_CALL, {@code why} its reason) or a device's JID (DISCONNECT). */
        Admin(Kind kind, String target, String why) {
            this.kind = kind;
            this.target = target;
            this.why = why;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance instance) {
            this.hz = instance;
        }

        @Override
        public Boolean call() {
            ClusterNode.Local local = ClusterNode.of(hz).local();
            return kind == Kind.END_CALL ? local.endCall(target, why) : local.disconnect(target, why);
        }
    }
}
