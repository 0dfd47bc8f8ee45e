package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinglegateway.harness.GatewayCluster;
import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * {@link CallScenarios} on a real ejabberd with three gateway instances that form one gateway (docs/operations.md,
 * "Several instances"): ejabberd (without {@code domain_balancing}) holds one component connection per instance and
 * hands each stanza to one of them at random, and the scenarios' browser pages register on the instances in turn
 * (two pages of one scenario are on different instances). Every scenario must play out exactly as with one gateway:
 * a stanza that reaches an instance which does not hold the call or the device is forwarded to the one that does.
 */
final class ClusterEjabberdCallsIT extends CallScenarios {
    private static final int INSTANCES = 3;

    @RegisterExtension
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("bob", "bob-pw").build();

    private GatewayCluster cluster;

    @RegisterExtension
    final TestExecutionExceptionHandler clusterLog = GatewayCluster.logOnFailure(() -> cluster);

    @Override
    XmppServer server() {
        return ejabberd;
    }

    @Override
    List<String> startGateways(String config) throws Exception {
        cluster = GatewayCluster.on(ejabberd).domain(DOMAIN).size(INSTANCES).config(config).auth("none").start();
        return cluster.wsUrls();
    }

    @Override
    void stopGateways() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void health_ofEachInstance_reportsTheWholeCluster() throws Exception {
        for (int i = 0; i < INSTANCES; i++) {
            GatewayCluster.Health health = cluster.health(i);
            assertThat(health.status()).as("instance %d /health: %s", i, health.body()).isEqualTo(200);
            assertThat(health.clusterSize()).as("instance %d /health cluster.size: %s", i, health.body())
                    .isEqualTo(INSTANCES);
            assertThat(health.members()).as("instance %d members: %s", i, health.body()).hasSize(INSTANCES);
            assertThat(health.xmppLink()).as("instance %d: each has its own link to ejabberd: %s", i, health.body())
                    .isEqualTo("here");
        }
    }
}
