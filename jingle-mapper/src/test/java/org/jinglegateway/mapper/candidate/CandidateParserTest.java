package org.jinglegateway.mapper.candidate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CandidateParserTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "candidate:3120977346 1 udp 2122260223 192.168.1.20 56143 typ host generation 0 network-id 1",
        "candidate:842163049 1 udp 1686052607 203.0.113.7 56143 typ srflx raddr 192.168.1.20 rport 56143"
                + " generation 0 ufrag Xy7a network-id 1 network-cost 10",
        "candidate:4233069003 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1",
        "candidate:1 1 udp 41885695 198.51.100.9 3478 typ relay raddr 0.0.0.0 rport 0",
        "candidate:0 1 udp 2122252543 5d1a1f2e-1c2b-4f6a-9a8b-0c1d2e3f4a5b.local 50940 typ host",
        "candidate:7 2 udp 2122252542 2001:db8::7 50941 typ host",
        "candidate:9 1 udp 100 turn.example.org 3478 typ relay raddr 10.0.0.1 rport 1 x-custom yes"})
    void libwebrtcCandidate_writesBackIdentically(String init) {
        assertThat(CandidateWriter.writeInit(CandidateParser.parseInit(init))).isEqualTo(init);
    }

    @Test
    void chromeSrflxCandidate_keepsEveryField() {
        IceCandidate c = CandidateParser.parseInit("candidate:842163049 1 udp 1686052607 203.0.113.7 56143 typ srflx"
                + " raddr 192.168.1.20 rport 56143 generation 0 ufrag Xy7a network-id 1 network-cost 10");

        assertThat(c.foundation()).isEqualTo("842163049");
        assertThat(c.type()).isEqualTo(CandidateType.Known.SRFLX);
        assertThat(c.related()).hasValue(new Related("192.168.1.20", 56143));
        assertThat(c.generation()).hasValue(0);
        assertThat(c.network()).hasValue(1);
        assertThat(c.extensions()).containsExactly(new ExtensionPair("ufrag", "Xy7a"),
                new ExtensionPair("network-cost", "10"));
    }

    @Test
    void firefoxUpperCaseTransport_readsAsUdpAndWritesLowerCase() {
        IceCandidate c = CandidateParser.parseValue("0 1 UDP 2122252543 10.0.0.2 50940 typ host");

        assertThat(c.transport()).isEqualTo(CandidateTransport.Known.UDP);
        assertThat(CandidateWriter.writeValue(c)).isEqualTo("0 1 udp 2122252543 10.0.0.2 50940 typ host");
    }

    @Test
    void unknownTcptypeAndNonNumericGeneration_areKeptAsExtensionPairs() {
        IceCandidate c = CandidateParser.parseValue("1 1 tcp 5 10.0.0.2 9 typ host tcptype weird generation x");

        assertThat(c.tcpType()).isEmpty();
        assertThat(c.generation()).isEmpty();
        assertThat(c.extensions()).isEqualTo(List.of(new ExtensionPair("tcptype", "weird"),
                new ExtensionPair("generation", "x")));
        assertThat(c.id()).isEqualTo(Optional.empty());
    }

    @Test
    void missingPrefix_failsWithCaret() {
        assertThatThrownBy(() -> CandidateParser.parseInit("1 1 udp 5 10.0.0.2 9 typ host"))
                .hasMessage("ICE candidate, column 1: an ICE candidate must start with \"candidate:\", found"
                        + " \"1 1 udp 5 10.0.0.2 9 typ host\"\n  1 1 udp 5 10.0.0.2 9 typ host\n  ^");
    }

    @Test
    void missingTyp_failsNamingIt() {
        assertThatThrownBy(() -> CandidateParser.parseInit("candidate:1 1 udp 5 10.0.0.2 9 host"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageStartingWith("ICE candidate, column 32: expected \"typ\", found \"host\"");
    }

    @Test
    void raddrWithoutRport_fails() {
        assertThatThrownBy(() -> CandidateParser.parseValue("1 1 udp 5 10.0.0.2 9 typ srflx raddr 10.0.0.1"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageStartingWith("ICE candidate, column 38: raddr and rport must appear together");
    }

    @Test
    void priorityOutOfRange_failsAsBadNumber() {
        assertThatThrownBy(() -> CandidateParser.parseValue("1 1 udp 4294967296 10.0.0.2 9 typ host"))
                .isInstanceOf(CandidateParseException.class)
                .hasMessageStartingWith("ICE candidate, column 9: candidate priority must be 0-4294967295, found"
                        + " \"4294967296\"")
                .extracting(e -> ((CandidateParseException) e).kind())
                .isEqualTo(CandidateParseException.Kind.BAD_NUMBER);
    }
}
