package org.jinglegateway.cli;

import java.time.Duration;
import java.util.Map;
import org.jinglegateway.admin.AdminCommands;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.DeviceSessions;
import org.jinglegateway.cluster.ClusterNode;
import org.jinglegateway.cluster.SharedDirectory;
import org.jinglegateway.cluster.StanzaRouting;
import org.jinglegateway.config.ConfigException;
import org.jinglegateway.config.GatewayConfig;
import org.jinglegateway.metrics.GatewayMetrics;
import org.jinglegateway.ws.GatewayHttpServer;
import org.jinglegateway.xmpp.GatewayComponent;
import org.jinglegateway.xmpp.UserPresence;
import org.jinglegateway.xmpp.XmppConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Joins this instance to its cluster (docs/operations.md, "Several instances") and connects the parts of the
 * gateway to it: the routing of stanzas in and out, the call directory, presence, the admin commands, /health and
 * /metrics, and what an instance does when it finds itself out of the cluster.
 */
final class ClusterSetup {
    private static final Logger log = LoggerFactory.getLogger(ClusterSetup.class);
    static final int SERVICE_RESTART = DeviceSessions.SERVICE_RESTART;
    /** How often a standby behind Prosody asks for the link. */
    private static final long STANDBY_RETRY_MILLIS = 1000;

    private ClusterSetup() {
    }

    /** The parts of this instance the cluster reaches into. */
    record Parts(GatewayConfig settings, GatewayComponent component, CallService calls, DeviceSessions devices,
                 UserPresence presence, AdminCommands admin, XmppConnector connector, GatewayHttpServer http,
                 GatewayMetrics metrics) {
    }

    static ClusterNode join(Parts p) {
        GatewayConfig s = p.settings();
        ClusterNode node = ClusterNode.start(s.cluster(), s.xmpp().domain(), s.xmpp().secret(), new Here(p),
                Duration.ofSeconds(s.calls().resumeSeconds()), p.connector()::isConnected);
        SharedDirectory directory = node.directory();
        StanzaRouting routing = node.routing();
        p.calls().setDirectory(directory);
        p.calls().setClusterCalls(directory);
        p.presence().share(directory);
        routing.heldHere(jid -> p.calls().devices().find(jid).isPresent());
        p.component().setRouting(routing::route, routing::sendElsewhere);
        p.connector().setRouter(routing::route);
        p.connector().standbyRetry(STANDBY_RETRY_MILLIS);
        p.admin().setAfterReload(() -> node.reloadOthers(node.tag()));
        p.admin().setClusterFigures(() -> {
            Map<String, String> figures = new java.util.LinkedHashMap<>();
            figures.put("cluster-members", String.valueOf(node.size()));
            figures.put("cluster-calls", String.valueOf(directory.callCount()));
            return figures;
        });
        p.http().healthDetail(() -> "cluster-size=" + node.size() + "\ncluster-safe=" + node.safe()
                + "\nmembers=" + String.join(",", node.members())
                + "\nxmpp-link=" + (p.connector().isConnected() ? "here" : routing.anyLink() ? "other-instance"
                : "none") + "\n");
        p.metrics().watchCluster(node::size, directory::callCount, directory::callBytesHere);
        return node;
    }

    /** What this instance does for the cluster. */
    private record Here(Parts p) implements ClusterNode.Local {
        @Override
        public void deliver(Packet packet) {
            p.component().deliver(packet);
        }

        @Override
        public void deliverShared(Message message) {
            p.calls().onSharedMessage(message);
        }

        @Override
        public void sendOut(Packet packet) {
            p.component().sendOnLink(packet);
        }

        @Override
        public void presence(Presence presence) {
            p.presence().onPresence(presence);
        }

        @Override
        public boolean release(JID device) {
            return p.devices().release(device);
        }

        @Override
        public void endSiblings(JID user, String sid, JID peerBare, String reason, String text) {
            p.calls().endSiblings(user, sid, peerBare, reason, text);
        }

        @Override
        public void endOrphan(String snapshot, String reason, String text) {
            p.calls().endOrphan(snapshot, reason, text);
        }

        @Override
        public void deviceOffline(JID device) {
            p.presence().deviceOffline(device);
        }

        @Override
        public boolean endCall(String id, String reason) {
            return p.calls().endCallHere(id, reason);
        }

        @Override
        public boolean disconnect(String jid, String why) {
            return p.calls().disconnectHere(jid, why);
        }

        @Override
        public void reload() {
            try {
                log.info("cluster.reload {}", p.admin().reloadNow());
            } catch (ConfigException e) {
                log.warn("cluster.reload-failed: {}", e.getMessage());
            }
        }

        @Override
        public void excluded() {
            p.connector().suspend();
            int n = p.devices().releaseAll(SERVICE_RESTART, "this gateway instance lost its cluster; resume on"
                    + " another");
            log.warn("cluster.excluded link=closed devices-let-go={}", n);
        }

        @Override
        public void readmitted() {
            p.connector().unsuspend();
        }
    }
}
