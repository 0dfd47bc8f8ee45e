package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.GatewayCluster;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.harness.SoftphoneDriver;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two gateway instances on a real Prosody, which takes one component connection per domain (docs/operations.md,
 * "Several instances"): instance 0 holds the link, instance 1 waits as a hot standby. The gateway's softphone
 * (opened with both sockets, {@code ?gateways=}) is in a call with a StanzaJS page when the active instance dies
 * (SIGKILL): the standby must take over the XEP-0114 link (its READY line), the page must resume on it with the
 * call, media must keep flowing, and StanzaJS's hang-up, which now reaches the gateway over the new link, must end
 * the call on the page.
 */
final class ClusterProsodyStandbyIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterProsodyStandbyIT.class);
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("alice", "alice-pw").build();

    private GatewayCluster cluster;

    @RegisterExtension
    final TestExecutionExceptionHandler clusterLog = GatewayCluster.logOnFailure(() -> cluster);

    @AfterEach
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeAll
    static void needsNodeModules() {
        NodeScript.requireModules("stanza", "esbuild", "playwright-core");
    }

    @Test
    void activeInstanceKilledMidCall_standbyTakesTheLink_pageResumesOnIt_mediaGoesOn_hangupReachesThePage()
            throws Exception {
        cluster = GatewayCluster.on(prosody).size(2).standbys().auth("none").crossOrigins().start();
        String page = cluster.http(0) + "?gateways=" + String.join(",", cluster.wsUrls());
        try (SoftphoneDriver pages = SoftphoneDriver.start("cluster-call.mjs", "--page", page, "--user", "carol",
                "--ws", "ws://127.0.0.1:" + prosody.httpPort() + "/xmpp-websocket", "--jid", "alice@localhost",
                "--password", "alice-pw")) {
            assertThat(cluster.health(0).xmppLink()).as("the active instance's /health: %s", cluster.health(0).body())
                    .isEqualTo("here");
            assertThat(cluster.health(1).xmppLink()).as("the standby's /health: %s", cluster.health(1).body())
                    .isEqualTo("other-instance");
            long standbyReadies = cluster.instance(1).readyCount();

            JsonNode up = pages.send("call", "from", "stanza", "video", true);
            assertThat(cluster.indexOfWs(up.path("phone").path("url").asText())).isZero();
            assertMediaFlows(pages, "before the kill");

            long killed = System.nanoTime();
            cluster.kill(0);
            LocalTime killedAt = cluster.signalledAt(0);
            cluster.instance(1).awaitReady((int) standbyReadies + 1, TAKEOVER);
            LOG.info("figure Prosody standby: member-removed after {} ms, link taken (xmpp.registered) after {} ms,"
                    + " READY seen by the test after {} ms", since(1, "cluster.member-removed", killedAt),
                    since(1, "xmpp.registered", killedAt), (System.nanoTime() - killed) / 1_000_000);
            Await.until(TAKEOVER, "the standby's /health to say xmpp-link=here", () -> {
                try {
                    GatewayCluster.Health h = cluster.health(1);
                    return h.status() == 200 && "here".equals(h.xmppLink());
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode resumed = pages.send("waitResumed", "resumes", 1, "timeoutMs", TAKEOVER.toMillis());
            LOG.info("figure Prosody standby: the page had its call back {} ms after the kill",
                    (System.nanoTime() - killed) / 1_000_000);
            assertThat(cluster.indexOfWs(resumed.path("phone").path("url").asText())).as("resumed on: %s", resumed)
                    .isEqualTo(1);
            assertThat(resumed.path("phone").path("state").asText()).as("the call after the resume: %s", resumed)
                    .isEqualTo("active");
            assertMediaFlows(pages, "after the active instance was killed");

            JsonNode ended = pages.send("hangup", "side", "stanza");
            assertThat(ended.path("phone").path("lastHangup").path("reason").asText()).as("%s", ended)
                    .isEqualTo("success");
            assertThat(ended.path("phone").path("lastHangup").path("by").asText()).as("%s", ended).isEqualTo("remote");
            assertThat(ended.path("stanza").path("lastEndReason").asText()).as("%s", ended).isEqualTo("success");
        }
    }

    private long since(int instance, String text, LocalTime at) {
        return cluster.logged(instance, text, at).map(t -> Duration.between(at, t).toMillis()).orElse(-1L);
    }

    private static void assertMediaFlows(SoftphoneDriver pages, String when) throws Exception {
        JsonNode media = pages.send("growth", "kinds", List.of("audio", "video"));
        MediaGrowth.assertGrewOn(media, List.of("softphone", "stanza"), true, when);
    }
}
