package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.jingle.SctpMap;
import org.jinglegateway.mapper.jingle.Senders;
import org.jinglegateway.mapper.jingle.Source;
import org.jinglegateway.mapper.jingle.SourceGroup;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

/**
 * One focused test per {@link MappingTable} row, named {@code <row id>_<what it proves>} (STYLE.md §4): each
 * varies only the line(s) of its row in a minimal WebRTC section and checks the Jingle side, the SDP written
 * back, and the notes that docs/mapping.md promises.
 */
final class AttributeRowsTest {
    private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String BUNDLE = "a=group:BUNDLE 0\r\n";
    private static final String AUDIO = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n";
    private static final String ICE = "a=ice-ufrag:uf01\r\na=ice-pwd:pwpwpwpwpwpwpwpwpwpwpw\r\n";
    private static final String DTLS = "a=fingerprint:sha-256 AB:CD:EF\r\na=setup:actpass\r\n";
    private static final String CODEC = "a=rtpmap:111 opus/48000/2\r\n";

    /** A one-m-line offer with {@code lines} added to its media section. */
    private static String sdp(String lines) {
        return HEAD + BUNDLE + AUDIO + ICE + DTLS + "a=mid:0\r\n" + lines + CODEC;
    }

    private static Parsed<Jingle> toJingle(String sdp, Role writer) {
        SdpToJingle.Request request = writer == Role.INITIATOR ? SdpToJingle.Request.offer("s1")
                : SdpToJingle.Request.answer("s1");
        return SdpToJingle.translate(SdpParser.parseTyped(sdp).value(), request);
    }

    private static Jingle offer(String lines) {
        return toJingle(sdp(lines), Role.INITIATOR).value();
    }

    private static Content content(Jingle j) {
        return j.contents().get(0);
    }

    private static RtpDescription description(Jingle j) {
        return content(j).description().orElseThrow();
    }

    private static IceUdpTransport transport(Jingle j) {
        return content(j).transport().orElseThrow();
    }

    /** Back to SDP through the Jingle XML string, so the element's own reader and writer are in the trip. */
    private static MediaDescription back(Jingle j, Role writer) {
        Jingle read = JingleReader.read(JingleWriter.toXml(j));
        return JingleToSdp.translate(read, writer).value().media().get(0);
    }

    private static List<String> values(MediaDescription m, String name) {
        return m.all(name, v -> v);
    }

    @Test
    void everyRow_hasAFocusedTestNamedAfterIt() {
        List<String> tests = Arrays.stream(AttributeRowsTest.class.getDeclaredMethods()).map(Method::getName)
                .toList();
        for (AttributeRow row : MappingTable.ROWS) {
            assertThat(tests).as("a test for row " + row.id()).anyMatch(t -> t.startsWith(row.id() + "_"));
        }
    }

    @Test
    void iceUfrag_becomesTransportUfragAndBack() {
        Jingle j = offer("");
        assertThat(transport(j).ufrag()).contains("uf01");
        assertThat(values(back(j, Role.INITIATOR), "ice-ufrag")).containsExactly("uf01");
    }

    @Test
    void icePwd_sessionLevelValueIsUsedForTheContent() {
        String sdp = HEAD + BUNDLE + "a=ice-pwd:sessionsessionsessionpw\r\n" + AUDIO + "a=ice-ufrag:uf01\r\n" + DTLS
                + "a=mid:0\r\n" + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(transport(j).pwd()).contains("sessionsessionsessionpw");
        assertThat(values(back(j, Role.INITIATOR), "ice-pwd")).containsExactly("sessionsessionsessionpw");
    }

    @Test
    void iceOptions_isNotCarriedAndTrickleIsWrittenBack() {
        Parsed<Jingle> j = toJingle(sdp("a=ice-options:trickle renomination\r\n"), Role.INITIATOR);
        assertThat(JingleWriter.toXml(j.value())).doesNotContain("renomination");
        assertThat(j.notes()).noneMatch(n -> n.text().contains("ice-options"));
        assertThat(values(back(j.value(), Role.INITIATOR), "ice-options")).containsExactly("trickle");
    }

    @Test
    void fingerprint_becomesFingerprintWithHashAndBack() {
        Jingle j = offer("");
        assertThat(transport(j).fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hash()).isEqualTo("sha-256");
            assertThat(f.value()).isEqualTo("AB:CD:EF");
        });
        assertThat(values(back(j, Role.INITIATOR), "fingerprint")).containsExactly("sha-256 AB:CD:EF");
    }

    @Test
    void setup_answerIsNeverActpass() {
        Parsed<Jingle> answer = toJingle(sdp(""), Role.RESPONDER);
        assertThat(transport(answer.value()).fingerprints().get(0).setup()).contains("active");
        assertThat(answer.notes()).contains(new MappingNote(MappingNote.Kind.APPROXIMATED, "content \"0\"",
                "an answer may not be actpass (RFC 8842 §5.3): active"));
        assertThat(values(back(answer.value(), Role.RESPONDER), "setup")).containsExactly("active");
        assertThat(values(back(offer(""), Role.INITIATOR), "setup")).containsExactly("actpass");
    }

    @Test
    void mid_becomesContentNameAndBack() {
        String sdp = HEAD + "a=group:BUNDLE audio1\r\n" + AUDIO + ICE + DTLS + "a=mid:audio1\r\n" + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(content(j).name()).isEqualTo("audio1");
        assertThat(j.groups().get(0).contents()).containsExactly("audio1");
        assertThat(back(j, Role.INITIATOR).mid()).contains("audio1");
    }

    @Test
    void extmap_keepsIdUriAndRoleAwareDirection() {
        Jingle j = offer("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
                + "a=extmap:3/sendonly urn:ietf:params:rtp-hdrext:sdes:mid\r\n");
        assertThat(description(j).headerExtensions()).containsExactly(
                new HeaderExtension(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level", Optional.empty(), List.of()),
                new HeaderExtension(3, "urn:ietf:params:rtp-hdrext:sdes:mid", Optional.of(Senders.INITIATOR),
                        List.of()));
        assertThat(values(back(j, Role.INITIATOR), "extmap")).containsExactly(
                "1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "3/sendonly urn:ietf:params:rtp-hdrext:sdes:mid");
        // the same element read by the responder's side: senders='initiator' is what the responder receives
        assertThat(values(back(j, Role.RESPONDER), "extmap"))
                .contains("3/recvonly urn:ietf:params:rtp-hdrext:sdes:mid");
    }

    @Test
    void extmapAllowMixed_atSessionLevelIsWrittenPerMedia() {
        String sdp = HEAD + BUNDLE + "a=extmap-allow-mixed\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(description(j).extmapAllowMixed()).isTrue();
        assertThat(back(j, Role.INITIATOR).has("extmap-allow-mixed")).isTrue();
        assertThat(back(offer(""), Role.INITIATOR).has("extmap-allow-mixed")).isFalse();
    }

    @Test
    void direction_sendonlyFromTheResponderIsSendersResponder() {
        Jingle j = toJingle(sdp("a=sendonly\r\n"), Role.RESPONDER).value();
        assertThat(content(j).senders()).contains(Senders.RESPONDER);
        assertThat(back(j, Role.RESPONDER).has("sendonly")).isTrue();
        // the initiator's view of the same content: it receives only
        assertThat(back(j, Role.INITIATOR).has("recvonly")).isTrue();
        assertThat(content(offer("a=sendrecv\r\n")).senders()).isEmpty();
    }

    @Test
    void msid_fillsSourcesWithoutOneAndComesBackAsMediaMsid() {
        Jingle j = offer("a=msid:stream1 track1\r\na=ssrc:1111 cname:c1\r\n");
        assertThat(description(j).sources()).containsExactly(new Source(1111, List.of(Parameter.of("cname", "c1"),
                Parameter.of("msid", "stream1 track1")), List.of(), List.of()));
        assertThat(values(back(j, Role.INITIATOR), "msid")).containsExactly("stream1 track1");
    }

    @Test
    void rtcpMux_becomesElementAndBack() {
        assertThat(description(offer("a=rtcp-mux\r\n")).rtcpMux()).isTrue();
        assertThat(description(offer("")).rtcpMux()).isFalse();
        assertThat(back(offer("a=rtcp-mux\r\n"), Role.INITIATOR).has("rtcp-mux")).isTrue();
    }

    @Test
    void crypto_becomesEncryptionAndComesBackUnchanged() {
        String line = "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32";
        Jingle j = offer("a=crypto:" + line + "\r\n");
        assertThat(JingleWriter.toXml(j)).contains("<encryption xmlns=\"urn:xmpp:jingle:apps:rtp:1\"><crypto"
                + " crypto-suite=\"AES_CM_128_HMAC_SHA1_80\"");
        assertThat(values(back(j, Role.INITIATOR), "crypto")).containsExactly(line);
    }

    @Test
    void rtcpFb_perPayloadAndWildcardKeepTheirPlace() {
        Jingle j = offer("a=rtcp-fb:* nack\r\na=rtcp-fb:111 transport-cc\r\na=rtcp-fb:111 ccm fir\r\n");
        assertThat(description(j).feedback()).containsExactly(new RtcpFeedback("nack", Optional.empty()));
        assertThat(description(j).payloadTypes().get(0).feedback()).containsExactly(
                new RtcpFeedback("transport-cc", Optional.empty()), new RtcpFeedback("ccm", Optional.of("fir")));
        assertThat(values(back(j, Role.INITIATOR), "rtcp-fb")).containsExactly("* nack", "111 transport-cc",
                "111 ccm fir");
    }

    @Test
    void rtcpFbTrrInt_becomesItsOwnElementAndBack() {
        Jingle j = offer("a=rtcp-fb:* trr-int 100\r\na=rtcp-fb:111 trr-int 5\r\n");
        assertThat(description(j).trrInt()).isEqualTo(OptionalInt.of(100));
        assertThat(description(j).payloadTypes().get(0).trrInt()).isEqualTo(OptionalInt.of(5));
        assertThat(JingleWriter.toXml(j)).contains("<rtcp-fb-trr-int xmlns=\"urn:xmpp:jingle:apps:rtp:rtcp-fb:0\""
                + " value=\"5\"/>");
        assertThat(values(back(j, Role.INITIATOR), "rtcp-fb")).containsExactly("* trr-int 100", "111 trr-int 5");
    }

    @Test
    void rtpmap_keepsNameClockrateAndChannelsOnlyWhenWritten() {
        String sdp = HEAD + BUNDLE + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n" + ICE + DTLS + "a=mid:0\r\n" + CODEC
                + "a=rtpmap:0 PCMU/8000\r\n";
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        PayloadType opus = description(j).payloadTypes().get(0);
        PayloadType pcmu = description(j).payloadTypes().get(1);
        assertThat(opus.name()).contains("opus");
        assertThat(opus.clockrate().getAsLong()).isEqualTo(48000);
        assertThat(opus.channels()).isEqualTo(OptionalInt.of(2));
        assertThat(pcmu.channels()).isEmpty();
        assertThat(values(back(j, Role.INITIATOR), "rtpmap")).containsExactly("111 opus/48000/2", "0 PCMU/8000");
    }

    @Test
    void fmtp_keepsValueOnlyTokensAndNamesAsWritten() {
        Jingle j = offer("a=fmtp:111 minptime=10;useinbandfec=1;0-15;Profile-Level-Id=42e01f\r\n");
        assertThat(description(j).payloadTypes().get(0).parameters()).containsExactly(Parameter.of("minptime", "10"),
                Parameter.of("useinbandfec", "1"), Parameter.of("", "0-15"),
                Parameter.of("Profile-Level-Id", "42e01f"));
        assertThat(values(back(j, Role.INITIATOR), "fmtp"))
                .containsExactly("111 minptime=10;useinbandfec=1;0-15;Profile-Level-Id=42e01f");
    }

    @Test
    void ptime_becomesPayloadPtimeAndTheFirstComesBack() {
        Jingle j = offer("a=ptime:20\r\n");
        assertThat(description(j).payloadTypes().get(0).ptime()).isEqualTo(OptionalInt.of(20));
        assertThat(values(back(j, Role.INITIATOR), "ptime")).containsExactly("20");
    }

    @Test
    void maxptime_becomesPayloadMaxptimeAndBack() {
        Jingle j = offer("a=maxptime:120\r\n");
        assertThat(description(j).payloadTypes().get(0).maxptime()).isEqualTo(OptionalInt.of(120));
        assertThat(values(back(j, Role.INITIATOR), "maxptime")).containsExactly("120");
    }

    @Test
    void ssrcGroup_becomesSourceGroupAndBack() {
        Jingle j = offer("a=ssrc-group:FID 1111 2222\r\na=ssrc:1111 cname:c\r\na=ssrc:2222 cname:c\r\n");
        assertThat(description(j).sourceGroups()).containsExactly(new SourceGroup("FID", List.of(1111L, 2222L)));
        assertThat(values(back(j, Role.INITIATOR), "ssrc-group")).containsExactly("FID 1111 2222");
    }

    @Test
    void ssrc_parametersKeepTheirOrderAndValues() {
        Jingle j = offer("a=ssrc:1111 cname:c1\r\na=ssrc:1111 msid:s t\r\na=ssrc:2222 cname:c2\r\n");
        assertThat(description(j).sources()).extracting(Source::ssrc).containsExactly(1111L, 2222L);
        assertThat(description(j).sources().get(0).parameters()).containsExactly(Parameter.of("cname", "c1"),
                Parameter.of("msid", "s t"));
        assertThat(values(back(j, Role.INITIATOR), "ssrc")).containsExactly("1111 cname:c1", "1111 msid:s t",
                "2222 cname:c2");
    }

    private static final String DATA = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n";

    private static Jingle data(String lines) {
        return toJingle(HEAD + BUNDLE + DATA + ICE + DTLS + "a=mid:0\r\n" + lines, Role.INITIATOR).value();
    }

    @Test
    void sctpPort_becomesSctpmapNumberAndBack() {
        Jingle j = data("a=sctp-port:5000\r\n");
        assertThat(transport(j).sctpmap()).contains(SctpMap.of(5000, Optional.empty()));
        assertThat(JingleWriter.toXml(j)).contains("<sctpmap xmlns=\"urn:xmpp:jingle:transports:dtls-sctp:1\""
                + " number=\"5000\" protocol=\"webrtc-datachannel\" streams=\"1024\"/>");
        MediaDescription m = back(j, Role.INITIATOR);
        assertThat(m.formats()).containsExactly("webrtc-datachannel");
        assertThat(values(m, "sctp-port")).containsExactly("5000");
        assertThatThrownBy(() -> data("a=sctp-port:http\r\n")).isInstanceOf(TranslationException.class)
                .hasMessageContaining("sctp-port must be a port 0-65535, found \"http\"");
    }

    @Test
    void maxMessageSize_travelsOnTheSctpmapAndBack() {
        Jingle j = data("a=sctp-port:5000\r\na=max-message-size:262144\r\n");
        assertThat(transport(j).sctpmap().orElseThrow().maxMessageSize()).contains("262144");
        assertThat(values(back(j, Role.INITIATOR), "max-message-size")).containsExactly("262144");
    }

    @Test
    void sctpmap_oldFormIsReadAsThePort() {
        Jingle j = data("a=sctpmap:5000 webrtc-datachannel 1024\r\n");
        assertThat(transport(j).sctpmap().orElseThrow().number()).isEqualTo(5000);
        MediaDescription m = back(j, Role.INITIATOR);
        assertThat(values(m, "sctp-port")).containsExactly("5000");
        assertThat(m.has("sctpmap")).isFalse();
    }

    @Test
    void candidate_keepsEveryFieldAndGetsAnId() {
        String line = "1467250027 1 udp 2122260223 192.168.1.5 46243 typ host generation 0 network-id 1";
        Jingle j = offer("a=candidate:" + line + "\r\n");
        assertThat(transport(j).candidates()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("192.168.1.5");
            assertThat(c.generation()).isEqualTo(OptionalInt.of(0));
            assertThat(c.network()).isEqualTo(OptionalInt.of(1));
            assertThat(c.id()).contains("0-1");
        });
        assertThat(values(back(j, Role.INITIATOR), "candidate")).containsExactly(line);
    }

    @Test
    void group_bundleBecomesXep0338GroupAndBack() {
        String sdp = HEAD + "a=group:BUNDLE 0 1\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC
                + AUDIO + ICE + DTLS + "a=mid:1\r\n" + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(j.groups()).singleElement().satisfies(g -> {
            assertThat(g.semantics()).isEqualTo("BUNDLE");
            assertThat(g.contents()).containsExactly("0", "1");
        });
        SessionDescription back = JingleToSdp.translate(JingleReader.read(JingleWriter.toXml(j)), Role.INITIATOR)
                .value();
        assertThat(back.value("group")).contains("BUNDLE 0 1");
    }

    @Test
    void msidSemantic_isDroppedSilentlyAndWmsStarIsWritten() {
        String sdp = HEAD + BUNDLE + "a=msid-semantic: WMS stream1\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC;
        Parsed<Jingle> j = toJingle(sdp, Role.INITIATOR);
        assertThat(j.notes()).noneMatch(n -> n.text().contains("msid-semantic"));
        assertThat(JingleWriter.toXml(j.value())).doesNotContain("WMS");
        String written = SdpWriter.write(JingleToSdp.translate(j.value(), Role.INITIATOR).value());
        assertThat(written).contains("\r\na=msid-semantic: WMS *\r\n");
    }

    @Test
    void rtcp_isDroppedSilently() {
        Parsed<Jingle> j = toJingle(sdp("a=rtcp:9 IN IP4 0.0.0.0\r\n"), Role.INITIATOR);
        assertThat(j.notes()).noneMatch(n -> n.text().contains("a=rtcp "));
        assertThat(back(j.value(), Role.INITIATOR).has("rtcp")).isFalse();
    }

    @Test
    void bundleOnly_keepsTheContentOfAPortZeroMline() {
        String sdp = HEAD + "a=group:BUNDLE 0 1\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC
                + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\n" + ICE + DTLS
                + "a=mid:1\r\n" + CODEC;
        Parsed<Jingle> j = toJingle(sdp, Role.INITIATOR);
        assertThat(j.value().contents()).extracting(Content::name).containsExactly("0", "1");
        assertThat(j.notes()).noneMatch(n -> n.text().contains("bundle-only"));
        Parsed<Jingle> rejected = toJingle(sdp.replace("a=bundle-only\r\n", ""), Role.INITIATOR);
        assertThat(rejected.value().contents()).extracting(Content::name).containsExactly("0");
    }

    @Test
    void unmodelled_attributesAreDroppedWithANoteNamingThem() {
        Parsed<Jingle> j = toJingle(sdp("a=rtcp-rsize\r\na=rid:h send\r\na=simulcast:send h\r\n"
                + "a=x-google-flag:conf\r\na=end-of-candidates\r\n"), Role.INITIATOR);
        assertThat(j.notes()).contains(
                new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"", "a=rtcp-rsize has no Jingle counterpart"),
                new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"", "a=rid has no Jingle counterpart"),
                new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"", "a=simulcast has no Jingle counterpart"),
                new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"",
                        "a=x-google-flag has no Jingle counterpart"),
                new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"",
                        "a=end-of-candidates has no Jingle counterpart"));
        MediaDescription m = back(j.value(), Role.INITIATOR);
        assertThat(m.has("rtcp-rsize") || m.has("rid") || m.has("simulcast")).isFalse();
    }
}
