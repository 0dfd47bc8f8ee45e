package org.jinglegateway.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.call.FrameRefusal.Precedence;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;

final class BrowserFrameDecoderTest {
    private final BrowserFrameDecoder decoder = new BrowserFrameDecoder(new ObjectMapper());

    @Test
    void brokenJson_isRefusedInOurWordsWithWhereItBroke() {
        assertThat(decoder.decode("{nope")).isEqualTo(new FrameRefusal(Optional.empty(), Optional.empty(),
                ErrorCode.BAD_JSON, "the frame is not valid JSON: it stops being JSON at line 1, column 2; a frame is"
                + " one JSON object such as {\"type\":\"ping\"}", Precedence.FIRST));
    }

    @Test
    void callFrame_decodesToPlaceCallWithAParsedJid() {
        assertThat(decoder.decode("{\"type\":\"call\",\"callId\":\"c1\",\"to\":\"romeo@example.net\",\"sdp\":\"v=0\"}"))
                .isEqualTo(new BrowserFrame.PlaceCall("c1", new JID("romeo@example.net"), "v=0"));
    }

    @Test
    void callToSomethingThatIsNoJid_isRefusedInOurWordsAfterTheDuplicateCheck() {
        assertThat(decoder.decode("{\"type\":\"call\",\"callId\":\"c1\",\"to\":\"a b@example.net\",\"sdp\":\"v=0\"}"))
                .isEqualTo(new FrameRefusal(Optional.of(FrameType.CALL), Optional.of("c1"), ErrorCode.BAD_JID,
                        "\"to\" is not a valid JID: expected user@domain or user@domain/resource (RFC 7622), the user"
                        + " part with no spaces, control characters or any of \" & ' / : < > @ and the domain a host"
                        + " name", Precedence.AFTER_DUPLICATE_CHECK));
    }

    @Test
    void registerWithAUserThatIsNoLocalPart_isRefusedInOurWords() {
        assertThat(decoder.decode("{\"type\":\"register\",\"user\":\"a@b\"}")).isEqualTo(new FrameRefusal(
                Optional.of(FrameType.REGISTER), Optional.empty(), ErrorCode.BAD_USER, "\"a@b\" cannot be the local"
                + " part of a JID (RFC 7622): it must have no spaces, control characters or any of \" & ' / : < > @",
                Precedence.AFTER_REGISTRATION));
    }

    @Test
    void register_nodeprepsTheUserAndKeepsTheToken() {
        assertThat(decoder.decode("{\"type\":\"register\",\"user\":\"Alice\",\"token\":\"t\"}"))
                .isEqualTo(new BrowserFrame.Register("alice", Optional.of("t"), Optional.empty()));
    }

    @Test
    void registerWithResume_keepsTheResumeToken() {
        assertThat(decoder.decode("{\"type\":\"register\",\"user\":\"alice\",\"resume\":\"ab-C_9\"}"))
                .isEqualTo(new BrowserFrame.Register("alice", Optional.empty(), Optional.of("ab-C_9")));
    }

    @Test
    void registerWithNullResume_isAPlainRegistration() {
        assertThat(decoder.decode("{\"type\":\"register\",\"user\":\"alice\",\"resume\":null}"))
                .isEqualTo(new BrowserFrame.Register("alice", Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\"", "\"a b\"", "\"a\\u0000b\"", "\"<x>\"", "42", "{}", "\"LONG\""})
    void registerWithABadResume_isRefusedInOurWords(String resume) {
        String value = resume.replace("LONG", "x".repeat(BrowserFrameDecoder.MAX_RESUME + 1));
        assertThat(decoder.decode("{\"type\":\"register\",\"user\":\"alice\",\"resume\":" + value + "}"))
                .isEqualTo(new FrameRefusal(Optional.of(FrameType.REGISTER), Optional.empty(), ErrorCode.BAD_FRAME,
                        "\"resume\" must be the resume token of an earlier \"registered\": 1 to 128 characters A-Z,"
                        + " a-z, 0-9, - or _", Precedence.AFTER_REGISTRATION));
    }

    @Test
    void candidate_decodesToCandidateInit_withNullsAsEmpty() {
        assertThat(decoder.decode("{\"type\":\"candidate\",\"callId\":\"c1\",\"candidate\":\"\",\"sdpMid\":null,"
                + "\"sdpMLineIndex\":0}")).isEqualTo(new BrowserFrame.Candidate("c1", new CandidateInit("",
                Optional.empty(), OptionalInt.of(0), Optional.empty())));
    }

    @Test
    void answerWithoutSdp_isRefusedAfterTheCallLookup() {
        assertThat(decoder.decode("{\"type\":\"answer\",\"callId\":\"c1\"}")).isEqualTo(new FrameRefusal(
                Optional.of(FrameType.ANSWER), Optional.of("c1"), ErrorCode.BAD_FRAME,
                "\"sdp\" must be a non-empty string", Precedence.AFTER_CALL_LOOKUP));
    }

    @Test
    void hangupWithoutReason_meansSuccess() {
        assertThat(decoder.decode("{\"type\":\"hangup\",\"callId\":\"c1\"}"))
                .isEqualTo(new BrowserFrame.Hangup("c1", "success", Optional.empty()));
    }

    @Test
    void callIdTooLong_isRefusedWithoutNamingIt() {
        assertThat(decoder.decode("{\"type\":\"accept\",\"callId\":\"" + "x".repeat(65) + "\"}")).isEqualTo(
                new FrameRefusal(Optional.of(FrameType.ACCEPT), Optional.empty(), ErrorCode.BAD_FRAME, "\"accept\""
                        + " needs a \"callId\" string of 1 to 64 characters", Precedence.AFTER_REGISTRATION));
    }
}
