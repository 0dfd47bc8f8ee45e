package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.candidate.Related;
import org.junit.jupiter.api.Test;

final class SdpParserTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111 101 63\r\n";

    private static MediaDescription media(String... attributeLines) {
        return SdpParser.parse(HEAD + AUDIO + SampleSdp.lines(attributeLines)).value().media().get(0);
    }

    private static String roundTrip(String... attributeLines) {
        String sdp = HEAD + AUDIO + SampleSdp.lines(attributeLines);
        return SdpWriter.write(SdpParser.parse(sdp).value()).substring(HEAD.length() + AUDIO.length());
    }

    @Test
    void fmtpValueOnlyTokens_surviveAsValueOnlyParameters() {
        MediaDescription m = media("a=fmtp:101 0-15", "a=fmtp:63 111/111");

        assertThat(m.fmtps().get(0).parameters()).containsExactly(FmtpParameter.valueOnly("0-15"));
        assertThat(m.fmtps().get(1).parameters()).containsExactly(FmtpParameter.valueOnly("111/111"));
    }

    @Test
    void fmtpNamesAndValues_areKeptExactlyAsWritten() {
        String line = "a=fmtp:111 Profile-Level-Id=42E01F;packetization-mode=1;sprop-parameter-sets=Z0I=,aM4=;0-15";

        assertThat(media(line).fmtps().get(0).parameters()).containsExactly(
                FmtpParameter.of("Profile-Level-Id", "42E01F"), FmtpParameter.of("packetization-mode", "1"),
                FmtpParameter.of("sprop-parameter-sets", "Z0I=,aM4="), FmtpParameter.valueOnly("0-15"));
        assertThat(roundTrip(line)).isEqualTo(line + "\r\n");
    }

    @Test
    void fmtpSpaceAfterSemicolon_isDroppedAndNoted() {
        Parsed<SessionDescription> p = SdpParser.parse(HEAD + AUDIO + "a=fmtp:111 minptime=10; useinbandfec=1\r\n");

        assertThat(p.value().media().get(0).fmtps().get(0).get("useinbandfec")).hasValue("1");
        assertThat(p.notes()).extracting(MappingNote::where).containsExactly("SDP line 6");
        assertThat(p.notes().get(0).text()).contains("FMTP_SPACE_AFTER_SEMICOLON");
    }

    @Test
    void extmapWithFirefoxDirection_keepsDirectionAndAttributes() {
        MediaDescription m = media("a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:csrc-audio-level vad=on");

        assertThat(m.extmaps()).containsExactly(new ExtMap(2, Optional.of(Direction.SENDONLY),
                "urn:ietf:params:rtp-hdrext:csrc-audio-level", Optional.of("vad=on")));
    }

    @Test
    void rtcpFbWildcardAndTrrInt_areKeptAndWildcardGoesLast() {
        MediaDescription m = media("a=rtcp-fb:* trr-int 100", "a=rtcp-fb:111 nack pli");

        assertThat(m.rtcpFbs()).containsExactly(RtcpFb.of(111, "nack", "pli"),
                new RtcpFb(OptionalInt.empty(), "trr-int", Optional.of("100")));
    }

    @Test
    void dataChannelAttributes_readBothRfc8841AndDraftSctpmap() {
        MediaDescription m = media("a=sctp-port:5000", "a=max-message-size:0",
                "a=sctpmap:5000 webrtc-datachannel 1024");

        assertThat(m.sctpPort()).hasValue(5000);
        assertThat(m.maxMessageSize()).hasValue(0L);
        assertThat(m.sctpmap()).hasValue(new SctpMap(5000, "webrtc-datachannel", OptionalInt.of(1024)));
    }

    @Test
    void cryptoPtimeAndBundleOnly_areTyped() {
        MediaDescription m = media("a=bundle-only",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32"
                        + " UNENCRYPTED_SRTCP",
                "a=ptime:20", "a=maxptime:60");

        assertThat(m.bundleOnly()).isTrue();
        assertThat(m.cryptos()).containsExactly(new Crypto(1, "AES_CM_128_HMAC_SHA1_80",
                "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32", List.of("UNENCRYPTED_SRTCP")));
        assertThat(m.ptime()).hasValue(20);
        assertThat(m.maxptime()).hasValue(60);
    }

    @Test
    void draftSimulcastWithRidPrefix_readsAsRfc8853AndIsNoted() {
        Parsed<SessionDescription> p = SdpParser.parse(HEAD + AUDIO + "a=simulcast:send rid=h;m;l recv x\r\n");

        assertThat(p.value().media().get(0).simulcast()).hasValue(new Simulcast(Optional.of("h;m;l"),
                Optional.of("x")));
        assertThat(p.notes()).hasSize(1);
    }

    @Test
    void candidateLine_keepsEveryField() {
        IceCandidate c = media("a=candidate:842163049 1 udp 1677729535 203.0.113.7 52120 typ srflx raddr 10.0.0.2"
                + " rport 52121 generation 0 ufrag Xy7a network-id 3 network-cost 10").candidates().get(0);

        assertThat(c.related()).hasValue(new Related("10.0.0.2", 52121));
        assertThat(c.generation()).hasValue(0);
        assertThat(c.network()).hasValue(3);
        assertThat(c.extensions()).extracting(e -> e.name() + "=" + e.value())
                .containsExactly("ufrag=Xy7a", "network-cost=10");
    }

    @Test
    void sessionLevelAttributes_areTypedAndUnknownOnesKeptInOrder() {
        String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nb=AS:300\r\nt=0 0\r\na=ice-lite\r\n"
                + "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef012345\r\na=x-google-flag:conference\r\n"
                + "a=sendonly\r\na=zzz\r\n";

        SessionDescription s = SdpParser.parse(sdp).value();

        assertThat(s.iceLite()).isTrue();
        assertThat(s.bandwidths()).containsExactly(new Bandwidth("AS", 300));
        assertThat(s.direction()).hasValue(Direction.SENDONLY);
        assertThat(s.unknownAttributes()).containsExactly(UnknownAttribute.of("x-google-flag", "conference"),
                UnknownAttribute.flag("zzz"));
    }

    @Test
    void mediaBandwidthsAndUnknownAttributes_writeBackInOrder() {
        String sdp = HEAD + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:2000\r\nb=TIAS:2000000\r\n"
                + "a=mid:v\r\na=rtpmap:96 VP8/90000\r\na=x-b:1\r\na=x-a\r\n";

        assertThat(SdpWriter.write(SdpParser.parse(sdp).value())).isEqualTo(sdp);
    }

    @Test
    void lfOnlyLinesAndTrailingSpace_areAcceptedAndNoted() {
        Parsed<SessionDescription> p = SdpParser.parse("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=- \n\nt=0 0");

        assertThat(p.value().sessionName()).isEqualTo("-");
        assertThat(p.notes()).extracting(n -> n.text().substring(n.text().lastIndexOf('[')))
                .containsExactly("[LF_LINE_ENDS]", "[MISSING_FINAL_LINE_END]", "[BLANK_LINES]",
                        "[TRAILING_WHITESPACE]");
        assertThat(p.notes().get(0).text()).contains("applied to 4 lines");
    }

    @Test
    void badPayloadType_failsWithCaretUnderTheValue() {
        assertThatThrownBy(() -> SdpParser.parse(HEAD + AUDIO + "a=rtpmap:abc opus/48000/2\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessage("SDP line 6, column 10: a=rtpmap payload type must be 0-127, found \"abc\"\n"
                        + "  a=rtpmap:abc opus/48000/2\n"
                        + "           ^")
                .extracting(e -> ((SdpParseException) e).kind()).isEqualTo(SdpParseException.Kind.BAD_NUMBER);
    }

    @Test
    void unknownSetup_failsListingAllowedValues() {
        assertThatThrownBy(() -> SdpParser.parse(HEAD + AUDIO + "a=setup:both\r\n"))
                .hasMessage("SDP line 6, column 9: a=setup must be one of actpass, active, passive, holdconn,"
                        + " found \"both\"\n  a=setup:both\n          ^");
    }

    @Test
    void lineOutOfOrder_failsNamingTheOrder() {
        assertThatThrownBy(() -> SdpParser.parse("v=0\r\ns=-\r\n"))
                .hasMessage("SDP line 2, column 1: \"s=\" is out of place (the session must start with v=, o=, s=; "
                        + "RFC 8866 §5 order: v o s i u e p c b t r z a, then m i c b a per media)\n  s=-\n  ^");
    }

    @Test
    void badCandidatePort_failsAtTheCandidateColumn() {
        assertThatThrownBy(() -> SdpParser.parse(HEAD + AUDIO + "a=candidate:1 1 udp 5 10.0.0.1 70000 typ host\r\n"))
                .hasMessage("SDP line 6, column 32: candidate port must be 0-65535, found \"70000\"\n"
                        + "  a=candidate:1 1 udp 5 10.0.0.1 70000 typ host\n"
                        + "                                 ^");
    }

    @Test
    void duplicateMid_failsAsDuplicate() {
        assertThatThrownBy(() -> SdpParser.parse(HEAD + AUDIO + "a=mid:0\r\na=mid:1\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("SDP line 7, column 3: a=mid must appear at most once in a section");
    }

    @Test
    void crInsideAValue_isRejected() {
        assertThatThrownBy(() -> SdpParser.parse(HEAD + AUDIO + "a=x-foo:bar\rbaz\r\n"))
                .isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("SDP line 6, column 3: attribute value must not contain CR");
    }

    @Test
    void emptyInput_failsAsEmpty() {
        assertThatThrownBy(() -> SdpParser.parse(""))
                .isInstanceOf(SdpParseException.class)
                .extracting(e -> ((SdpParseException) e).kind()).isEqualTo(SdpParseException.Kind.EMPTY);
    }
}
