package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jinglegateway.call.CallService;
import org.jinglegateway.call.Device;
import org.jinglegateway.call.DeviceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

class UserPresenceTest {
    private final List<Packet> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final DeviceRegistry devices = new DeviceRegistry();
    private final CallService calls = new CallService("gw.localhost", devices, sent::add, timers, Runnable::run,
            Duration.ofSeconds(60));
    private final UserPresence presence = new UserPresence(sent::add, calls);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private static Device device(String jid) {
        return new Device() {
            @Override
            public JID jid() {
                return new JID(jid);
            }

            @Override
            public void send(ObjectNode frame) {
            }
        };
    }

    private void probe(String from, String to) {
        Presence p = new Presence(Presence.Type.probe);
        p.setFrom(from);
        p.setTo(to);
        presence.onPresence(p);
    }

    @Test
    void afterAReconnect_everyWatcherHearsTheCurrentPresenceAgain() {
        devices.add(device("alice@gw.localhost/web-1"));
        probe("bob@localhost/phone", "alice@gw.localhost");
        probe("carol@localhost/pc", "dave@gw.localhost");
        sent.clear();

        presence.announceAll();

        assertThat(sent).hasSize(2);
        assertThat(sent).anySatisfy(p -> {
            assertThat(p.getFrom()).isEqualTo(new JID("alice@gw.localhost/web-1"));
            assertThat(p.getTo()).isEqualTo(new JID("bob@localhost"));
            assertThat(((Presence) p).getType()).as("available").isNull();
            assertThat(p.getElement().element("c").attributeValue("ver")).isEqualTo(UserPresence.CAPS_VER);
        });
        assertThat(sent).anySatisfy(p -> {
            assertThat(p.getFrom()).isEqualTo(new JID("dave@gw.localhost"));
            assertThat(p.getTo()).isEqualTo(new JID("carol@localhost"));
            assertThat(((Presence) p).getType()).isEqualTo(Presence.Type.unavailable);
        });
    }

    @Test
    void watchersPastTheBound_hearThePresenceOfTheMoment_butAreNotKept() {
        for (int i = 0; i < UserPresence.MAX_WATCHERS_PER_USER + 10_000; i++) {
            probe("w" + i + "@evil.example/x", "alice@gw.localhost");
        }
        assertThat(sent).hasSize(UserPresence.MAX_WATCHERS_PER_USER + 10_000);
        sent.clear();

        devices.add(device("alice@gw.localhost/web-1"));
        presence.deviceOnline(devices.find(new JID("alice@gw.localhost/web-1")).orElseThrow());

        assertThat(sent).hasSize(UserPresence.MAX_WATCHERS_PER_USER);
        assertThat(sent).noneSatisfy(p -> assertThat(p.getTo().getNode())
                .isEqualTo("w" + UserPresence.MAX_WATCHERS_PER_USER));
    }
}
