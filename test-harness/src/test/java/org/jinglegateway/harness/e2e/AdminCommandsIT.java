package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jinglegateway.harness.GatewayProcess;
import org.jinglegateway.harness.client.BrowserSocket;
import org.jinglegateway.harness.client.JinglePeer;
import org.jinglegateway.harness.client.JinglePeer.Received;
import org.jinglegateway.harness.client.XmppTestClient;
import org.jinglegateway.harness.prosody.ProsodyServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.ListSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0050 admin commands with Smack's ad-hoc command client, on a real Prosody. */
final class AdminCommandsIT {
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String DOMAIN = "gw.localhost";

    @RegisterExtension
    static final ProsodyServer prosody = ProsodyServer.builder().user("admin", "admin-pw").user("bob", "bob-pw")
            .build();

    private static GatewayProcess gateway;
    private static String wsUrl;
    private static Path config;

    @BeforeAll
    static void startGateway() throws Exception {
        config = Files.createTempFile("gateway", ".yaml");
        // resume off: a closed socket's device goes at once, so that the device counts below see only their own
        Files.writeString(config, "calls:\n  ring-timeout-seconds: 60\n  resume-seconds: 0\n");
        gateway = GatewayProcess.on(prosody).domain(DOMAIN).configFile(config).auth("none")
                .args("--admins", "admin@" + ProsodyServer.VIRTUAL_HOST).startReady();
        wsUrl = gateway.ready().ws().toString();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void nonAdmin_isForbidden() throws Exception {
        try (XmppTestClient bob = XmppTestClient.login(prosody, "bob", "bob-pw")) {
            RemoteCommand stats = command(bob, "stats");
            assertThatThrownBy(stats::execute).isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
                assertThat(e.getStanzaError().getDescriptiveText()).isEqualTo("only the admins listed in the"
                        + " gateway's configuration may run its commands");
            });
        }
    }

    @Test
    void admin_seesTheCommandsInDisco() throws Exception {
        try (XmppTestClient admin = admin()) {
            DiscoverItems items = AdHocCommandManager.getAddHocCommandsManager(admin.connection())
                    .discoverCommands(JidCreate.from(DOMAIN));
            assertThat(items.getItems()).extracting(DiscoverItems.Item::getNode).containsExactly("list-calls",
                    "end-call", "stats", "list-devices", "disconnect-device", "set-log-level", "reload-config");
        }
    }

    @Test
    void listAndEndACall_bothSidesSeeTheAdminsReason() throws Exception {
        try (XmppTestClient admin = admin(); JinglePeer bob = JinglePeer.login(prosody, "bob", "bob-pw");
             BrowserSocket alice = browser("alice")) {
            alice.send(Map.of("type", "call", "callId", "a1", "to", "bob@" + ProsodyServer.VIRTUAL_HOST, "sdp",
                    Fixtures.read("chrome/audio-offer.sdp")));
            String id = bob.awaitJmi("propose", STEP).attr("id");

            RemoteCommand list = command(admin, "list-calls");
            list.execute();
            DataForm table = list.getForm();
            assertThat(table.getItems()).hasSize(1);
            assertThat(value(table.getItems().get(0).getFields(), "peer")).isEqualTo("bob@localhost");
            assertThat(value(table.getItems().get(0).getFields(), "state")).isEqualTo("proposed");

            RemoteCommand end = command(admin, "end-call");
            end.execute();
            FillableForm form = new FillableForm(end.getForm());
            ListSingleFormField calls = (ListSingleFormField) end.getForm().getField("call");
            assertThat(calls.getOptions()).hasSize(1);
            form.setAnswer("call", calls.getOptions().get(0).getValueString());
            form.setAnswer("reason", "expired");
            end.complete(form);

            assertThat(end.getNotes()).extracting(AdHocCommandNote::getValue)
                    .containsExactly("The call is ending with reason expired.");
            JsonNode hangup = alice.await("hangup", STEP);
            assertThat(hangup.path("reason").asText()).isEqualTo("expired");
            assertThat(hangup.path("text").asText()).isEqualTo("ended by an administrator");
            Received retract = bob.awaitJmi("retract", id, STEP);
            assertThat(retract.toString()).contains("expired");
        }
    }

    @Test
    void statsAndDevices_andDisconnectingADevice() throws Exception {
        try (XmppTestClient admin = admin(); BrowserSocket carol = browser("carol")) {
            RemoteCommand stats = command(admin, "stats");
            stats.execute();
            assertThat(stats.getForm().getField("devices").getFirstValue()).isEqualTo("1");
            assertThat(Long.parseLong(stats.getForm().getField("stanzas in").getFirstValue())).isPositive();

            RemoteCommand devices = command(admin, "list-devices");
            devices.execute();
            String jid = value(devices.getForm().getItems().get(0).getFields(), "jid");
            assertThat(jid).startsWith("carol@" + DOMAIN + "/web-");

            RemoteCommand disconnect = command(admin, "disconnect-device");
            disconnect.execute();
            FillableForm form = new FillableForm(disconnect.getForm());
            form.setAnswer("device", jid);
            disconnect.complete(form);

            assertThat(carol.awaitClosed(STEP)).isEqualTo(1008);
        }
    }

    @Test
    void setLogLevel_andReloadNameWhatAppliesLive() throws Exception {
        try (XmppTestClient admin = admin()) {
            RemoteCommand level = command(admin, "set-log-level");
            level.execute();
            FillableForm form = new FillableForm(level.getForm());
            form.setAnswer("level", "DEBUG");
            level.complete(form);
            assertThat(level.getNotes()).extracting(AdHocCommandNote::getValue)
                    .containsExactly("The log level is now DEBUG.");

            Files.writeString(config, "calls:\n  ring-timeout-seconds: 30\nxmpp:\n  keepalive-seconds: 20\n");
            RemoteCommand reload = command(admin, "reload-config");
            reload.execute();
            assertThat(reload.getNotes()).extracting(AdHocCommandNote::getValue).containsExactly("Applied: calls."
                    + " Changed but only taken at the next start: xmpp. Calls in progress were kept.");

            Files.writeString(config, "calls:\n  ring-timeout-seconds: 0\n");
            RemoteCommand broken = command(admin, "reload-config");
            assertThatThrownBy(broken::execute).isInstanceOfSatisfying(XMPPErrorException.class, e ->
                    assertThat(e.getStanzaError().getDescriptiveText()).isEqualTo("the configuration was not"
                            + " reloaded: config error: calls.ring-timeout-seconds: must be 1-3600, found 0"));
        }
    }

    private static XmppTestClient admin() throws Exception {
        return XmppTestClient.login(prosody, "admin", "admin-pw");
    }

    private static RemoteCommand command(XmppTestClient client, String node) throws Exception {
        return AdHocCommandManager.getAddHocCommandsManager(client.connection())
                .getRemoteCommand(JidCreate.from(DOMAIN), node);
    }

    private static BrowserSocket browser(String user) throws Exception {
        BrowserSocket ws = BrowserSocket.open(user, wsUrl);
        ws.send(Map.of("type", "register", "user", user));
        ws.await("registered", STEP);
        return ws;
    }

    private static String value(List<? extends FormField> fields, String var) {
        return fields.stream().filter(f -> var.equals(f.getFieldName())).findFirst().orElseThrow().getFirstValue();
    }
}
