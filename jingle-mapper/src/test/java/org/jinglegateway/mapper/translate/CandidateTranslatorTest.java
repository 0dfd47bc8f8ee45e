package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class CandidateTranslatorTest {
    private static final Pattern INIT = Pattern.compile("\"candidate\":\\s*\"([^\"]*)\",\\s*\"sdpMid\":\\s*\"([^\"]*)\""
            + ",\\s*\"sdpMLineIndex\":\\s*(\\d+),\\s*\"usernameFragment\":\\s*(null|\"[^\"]*\")");

    static List<String> trickles() {
        return Fixtures.named(".candidates.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trickles")
    void browserTrickle_toTransportInfoAndBack_isUnchanged(String name) {
        Matcher m = INIT.matcher(Fixtures.read(name));
        int seen = 0;
        while (m.find()) {
            Optional<String> ufrag = m.group(4).equals("null") ? Optional.empty()
                    : Optional.of(m.group(4).substring(1, m.group(4).length() - 1));
            CandidateInit init = new CandidateInit(m.group(1), Optional.of(m.group(2)),
                    OptionalInt.of(Integer.parseInt(m.group(3))), ufrag);
            Optional<Jingle> info = CandidateTranslator.toTransportInfo(init, "s1", Creator.INITIATOR, "c" + seen)
                    .map(p -> {
                        assertThat(p.notes()).as("a browser candidate loses nothing").isEmpty();
                        return p.value();
                    });
            if (init.endOfCandidates()) {
                assertThat(info).as("XEP-0176 has no end of candidates: nothing is invented").isEmpty();
                continue;
            }
            // through XML, as a peer would receive it
            Jingle received = JingleReader.read(JingleWriter.toXml(info.orElseThrow()));
            assertThat(received.action()).isEqualTo(JingleAction.TRANSPORT_INFO);
            // XEP-0176 carries the ufrag on the transport, not the candidate; the transport is written in lower case
            CandidateInit expected = new CandidateInit(init.candidate().replaceAll(" ufrag \\S+", "")
                    .replace(" UDP ", " udp ").replace(" TCP ", " tcp "), init.sdpMid(), init.sdpMLineIndex(),
                    init.usernameFragment());
            assertThat(CandidateTranslator.fromTransportInfo(received, Map.of(m.group(2),
                    Integer.parseInt(m.group(3))))).containsExactly(expected);
            seen++;
        }
        assertThat(seen).as("candidates in " + name).isPositive();
    }

    @Test
    void stanzaJsGatheringComplete_becomesEndOfCandidates() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='s'>"
                + "<content creator='initiator' name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'"
                + " ufrag='u'><gathering-complete/></transport></content></jingle>");
        assertThat(CandidateTranslator.fromTransportInfo(j, Map.of("0", 0)))
                .containsExactly(new CandidateInit("", Optional.of("0"), OptionalInt.of(0), Optional.of("u")));
    }

    @Test
    void candidateWithoutMid_isRefused() {
        assertThatThrownBy(() -> CandidateTranslator.toTransportInfo(new CandidateInit(
                "candidate:1 1 udp 1 127.0.0.1 9 typ host", Optional.empty(), OptionalInt.of(0), Optional.empty()),
                "s", Creator.INITIATOR, "c1")).isInstanceOf(TranslationException.class)
                .hasMessage("candidate: sdpMid is required: it names the Jingle content");
    }

    @Test
    void badCandidateString_namesTheField() {
        assertThatThrownBy(() -> CandidateTranslator.toTransportInfo(new CandidateInit("candidate:1 1 udp x 127.0.0.1"
                + " 9 typ host", Optional.of("0"), OptionalInt.empty(), Optional.empty()), "s", Creator.INITIATOR,
                "c1")).isInstanceOf(TranslationException.class)
                .hasMessage("candidate for mid \"0\": candidate priority must be a number, found \"x\"");
    }
}
