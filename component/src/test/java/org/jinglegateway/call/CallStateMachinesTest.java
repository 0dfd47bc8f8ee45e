package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmpp.packet.JID;

/**
 * Every allowed and every refused transition of each of a call's state machines: the session ({@link CallState}),
 * the ICE restart ({@link IceRestartState}) and each hold-back queue ({@link Readiness}).
 */
final class CallStateMachinesTest {
    private static final Map<CallState, Set<CallState>> CALL = Map.of(
            CallState.PROPOSED, EnumSet.of(CallState.RINGING, CallState.PENDING, CallState.ENDED),
            CallState.RINGING, EnumSet.of(CallState.PENDING, CallState.ENDED),
            CallState.PENDING, EnumSet.of(CallState.ACTIVE, CallState.ENDED),
            CallState.ACTIVE, EnumSet.of(CallState.ENDED),
            CallState.ENDED, EnumSet.noneOf(CallState.class));

    private static final Map<IceRestartState, Set<IceRestartState>> RESTART = Map.of(
            IceRestartState.NONE, EnumSet.of(IceRestartState.BROWSER_OFFERED, IceRestartState.PEER_OFFERED),
            IceRestartState.BROWSER_OFFERED, EnumSet.of(IceRestartState.BROWSER_OFFER_SEEN_BY_PEER,
                    IceRestartState.NONE),
            IceRestartState.BROWSER_OFFER_SEEN_BY_PEER, EnumSet.of(IceRestartState.NONE),
            IceRestartState.PEER_OFFERED, EnumSet.of(IceRestartState.PEER_OFFERED, IceRestartState.NONE));

    private static final Map<Readiness, Set<Readiness>> READINESS = Map.of(
            Readiness.HOLDING, EnumSet.of(Readiness.OPEN),
            Readiness.OPEN, EnumSet.noneOf(Readiness.class));

    static Stream<Arguments> callStatePairs() {
        return pairs(CallState.values(), CALL);
    }

    static Stream<Arguments> restartPairs() {
        return pairs(IceRestartState.values(), RESTART);
    }

    static Stream<Arguments> readinessPairs() {
        return pairs(Readiness.values(), READINESS);
    }

    private static <S extends Enum<S>> Stream<Arguments> pairs(S[] values, Map<S, Set<S>> table) {
        List<Arguments> all = new ArrayList<>();
        for (S from : values) {
            for (S to : values) {
                all.add(Arguments.of(from + " -> " + to, from, to, table.get(from).contains(to)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callStatePairs")
    void callState_movesExactlyAsItsTableSays(String name, CallState from, CallState to, boolean allowed) {
        assertThat(from.canGo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.to(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a call cannot go from " + from + " to " + to);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartPairs")
    void iceRestartState_movesExactlyAsItsTableSays(String name, IceRestartState from, IceRestartState to,
                                                   boolean allowed) {
        assertThat(from.canGo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.to(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("an ICE restart cannot go from " + from + " to " + to);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readinessPairs")
    void readiness_movesExactlyAsItsTableSays(String name, Readiness from, Readiness to, boolean allowed) {
        assertThat(from.canGo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.to(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.to(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a hold-back queue cannot go from " + from + " to " + to);
        }
    }

    @Test
    void holdBack_holdsUntilOpen_thenHandsOverInOrder_andRefusesASecondOpen() {
        HoldBack<String> queue = new HoldBack<>();

        assertThat(queue.holdIfNotReady("a")).isTrue();
        assertThat(queue.holdIfNotReady("b")).isTrue();
        assertThat(queue.open()).containsExactly("a", "b");
        assertThat(queue.holdIfNotReady("c")).as("open: the caller sends it at once").isFalse();
        assertThatThrownBy(queue::open).hasMessage("a hold-back queue cannot go from OPEN to OPEN");
    }

    @Test
    void callRestartTransitions_refuseAMoveTheTableDoesNotAllow_namingBothStates() {
        Call call = activeCall();

        assertThatThrownBy(call::peerSawBrowserRestart).isInstanceOf(IllegalStateException.class)
                .hasMessage("an ICE restart cannot go from NONE to BROWSER_OFFER_SEEN_BY_PEER");
        call.browserOfferedRestart(restartInfo());
        assertThatThrownBy(call::peerOfferedRestart)
                .hasMessage("an ICE restart cannot go from BROWSER_OFFERED to PEER_OFFERED");
        call.peerSawBrowserRestart();
        call.restartAnswered();
        assertThat(call.iceRestart()).isEqualTo(IceRestartState.NONE);
        assertThat(call.takeBrowserRestartInfo()).as("kept for a tie-break reply, taken once").isPresent();
        assertThat(call.takeBrowserRestartInfo()).isEmpty();
    }

    @Test
    void callReadiness_secondReadyFindsNothingHeld() {
        Call call = activeCall();
        Jingle info = restartInfo();

        assertThat(call.holdForPeer(info)).isTrue();
        assertThat(call.peerReady()).containsExactly(info);
        assertThat(call.peerReady()).isEmpty();
        assertThat(call.holdForPeer(info)).isFalse();
    }

    @Test
    void callSessionMove_refusesABadMove_namingBothStates() {
        Call call = activeCall();

        assertThatThrownBy(() -> call.move(CallState.RINGING)).hasMessage("a call cannot go from ACTIVE to RINGING");
    }

    private static Call activeCall() {
        CallWorld.FakeDevice device = new CallWorld.FakeDevice(new JID("juliet@gw.example.org/web-1"));
        JID romeo = new JID("romeo@example.net/r");
        return new Call("c1", device, true, "sid1", romeo, Optional.of(romeo), false, Runnable::run,
                CallState.ACTIVE, PeerQuirks.DEFAULT, CallListener.NONE);
    }

    private static Jingle restartInfo() {
        return new Jingle(JingleAction.TRANSPORT_INFO, "sid1", Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), List.of());
    }
}
