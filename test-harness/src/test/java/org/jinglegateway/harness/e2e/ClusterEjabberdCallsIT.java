package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jinglegateway.harness.GatewayCluster;
import org.jinglegateway.harness.XmppServer;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.ejabberd.EjabberdServer;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.jxmpp.jid.impl.JidCreate;

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
    static final EjabberdServer ejabberd = EjabberdServer.builder().user("bob", "bob-pw").user("admin", "admin-pw")
            .build();
    private static final Duration STEP = Duration.ofSeconds(10);
    /** Each command goes to one instance at ejabberd's random pick: asked this often, every instance answers some. */
    private static final int ASKS = 6;

    private GatewayCluster cluster;

    @RegisterExtension
    final TestExecutionExceptionHandler clusterLog = GatewayCluster.logOnFailure(() -> cluster);

    @Override
    XmppServer server() {
        return ejabberd;
    }

    @Override
    List<String> startGateways(String config) throws Exception {
        cluster = GatewayCluster.on(ejabberd).domain(DOMAIN).size(INSTANCES).config(config).auth("none")
                .args("--admins", "admin@" + ejabberd.virtualHost()).start();
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

    @Test
    void adminCommands_throughAnyInstance_seeTheDevicesAndCallsOfEveryInstance_andEndThem() throws Exception {
        List<BrowserSocket> pages = new ArrayList<>();
        try (XmppTestClient admin = XmppTestClient.login(ejabberd, "admin", "admin-pw");
             JinglePeer bob = JinglePeer.login(ejabberd, "bob", "bob-pw")) {
            List<String> jids = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                BrowserSocket page = BrowserSocket.open("admin-" + i, cluster.ws(i));
                pages.add(page);
                page.send(Map.of("type", "register", "user", "dana" + i));
                jids.add(page.await("registered", STEP).path("jid").asText());
            }
            pages.get(1).send(Map.of("type", "call", "callId", "k1", "to", "bob@" + ejabberd.virtualHost(), "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            String proposal = bob.awaitJmi("propose", STEP).attr("id");

            for (int ask = 0; ask < ASKS; ask++) {
                RemoteCommand devices = command(admin, "list-devices");
                devices.execute();
                assertThat(column(devices.getForm(), "jid")).as("ask %d: every instance's devices", ask)
                        .containsExactlyInAnyOrderElementsOf(jids);
                RemoteCommand calls = command(admin, "list-calls");
                calls.execute();
                assertThat(column(calls.getForm(), "device")).as("ask %d: the call held by instance 1", ask)
                        .containsExactly(jids.get(1));
                RemoteCommand stats = command(admin, "stats");
                stats.execute();
                assertThat(stats.getForm().getField("devices").getFirstValue()).isEqualTo(String.valueOf(INSTANCES));
            }

            RemoteCommand end = command(admin, "end-call");
            end.execute();
            ListSingleFormField choices = (ListSingleFormField) end.getForm().getField("call");
            assertThat(choices.getOptions()).hasSize(1);
            FillableForm endForm = new FillableForm(end.getForm());
            endForm.setAnswer("call", choices.getOptions().get(0).getValueString());
            endForm.setAnswer("reason", "expired");
            end.complete(endForm);
            assertThat(end.getNotes()).extracting(AdHocCommandNote::getValue)
                    .containsExactly("The call is ending with reason expired.");
            JsonNode hangup = pages.get(1).await("hangup", STEP);
            assertThat(hangup.path("reason").asText()).isEqualTo("expired");
            assertThat(bob.awaitJmi("retract", proposal, STEP).toString()).contains("expired");

            RemoteCommand disconnect = command(admin, "disconnect-device");
            disconnect.execute();
            FillableForm form = new FillableForm(disconnect.getForm());
            form.setAnswer("device", jids.get(2));
            disconnect.complete(form);
            assertThat(pages.get(2).awaitClosed(STEP)).as("the page on instance 2").isEqualTo(1008);
        } finally {
            for (BrowserSocket page : pages) {
                page.close();
            }
        }
    }

    private static RemoteCommand command(XmppTestClient client, String node) throws Exception {
        return AdHocCommandManager.getAddHocCommandsManager(client.connection())
                .getRemoteCommand(JidCreate.from(DOMAIN), node);
    }

    private static List<String> column(DataForm table, String var) {
        return table.getItems().stream().map(item -> item.getFields().stream()
                .filter(f -> var.equals(f.getFieldName())).findFirst().map(FormField::getFirstValue).orElseThrow())
                .toList();
    }
}
