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
        for (AttributeRow<?> row : MappingTable.ROWS) {
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

    // --- the Jingle side: each test varies one element or attribute of a minimal content and reads the SDP written

    private static final String PT = "<payload-type id='111' name='opus' clockrate='48000' channels='2'/>";
    private static final String FP = "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256'"
            + " setup='actpass'>AB:CD:EF</fingerprint>";
    private static final String SOURCE_1 = "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1'>"
            + "<parameter name='cname' value='c1'/><parameter name='msid' value='s t'/></source>";

    /** A Jingle action with one content "a": the given content attributes, description children and transport. */
    private static String jingle(String action, String contentAttributes, String descriptionChildren,
                                 String transportChildren) {
        return "<jingle xmlns='urn:xmpp:jingle:1' action='" + action + "' sid='s1'><content creator='initiator'"
                + " name='a'" + contentAttributes + "><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + descriptionChildren + "</description><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'"
                + " ufrag='uf01' pwd='pwpwpwpwpwpwpwpwpwpwpw'>" + transportChildren + "</transport></content>"
                + "</jingle>";
    }

    /** A session-initiate whose description holds {@code descriptionChildren} (the payload types included). */
    private static String initiate(String descriptionChildren) {
        return jingle("session-initiate", "", descriptionChildren, FP);
    }

    private static Parsed<SessionDescription> toSdp(String xml, Role writer) {
        return JingleToSdp.translate(JingleReader.read(xml), writer);
    }

    /** The SDP text the writer produces for a Jingle string, as a browser would receive it. */
    private static String sdpText(String xml, Role writer) {
        return SdpWriter.write(toSdp(xml, writer).value());
    }

    private static MediaDescription media(String xml, Role writer) {
        return toSdp(xml, writer).value().media().get(0);
    }

    @Test
    void mid_unusableContentNameBecomesCIndexWithANote() {
        String xml = "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'>"
                + "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='my audio'/>"
                + "</group>" + initiate(PT).substring(initiate(PT).indexOf("<content"))
                .replace("name='a'", "name='my audio'");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(sdp.value().media().get(0).mid()).contains("c0");
        assertThat(sdp.value().value("group")).contains("BUNDLE c0");
        assertThat(sdp.notes()).contains(new MappingNote(MappingNote.Kind.APPROXIMATED, "content \"my audio\"",
                "not a usable mid (a token of at most 16 characters): a=mid:c0"));
        String longName = initiate(PT).replace("name='a'", "name='seventeen-chars-x'");
        assertThat(media(longName, Role.INITIATOR).mid()).contains("c0");
        assertThat(media(initiate(PT).replace("name='a'", "name='sixteen-chars-xx'"), Role.INITIATOR).mid())
                .contains("sixteen-chars-xx");
    }

    @Test
    void direction_offerDirectionIsSeenFromTheInitiator() {
        assertThat(content(offer("a=sendonly\r\n")).senders()).contains(Senders.INITIATOR);
        assertThat(content(offer("a=recvonly\r\n")).senders()).contains(Senders.RESPONDER);
        assertThat(content(offer("a=inactive\r\n")).senders()).contains(Senders.NONE);
        assertThat(JingleWriter.toXml(offer("a=sendrecv\r\n"))).doesNotContain("senders=");
        assertThat(JingleWriter.toXml(offer("a=recvonly\r\n"))).contains(" senders=\"responder\"");
    }

    @Test
    void direction_jingleSendersIsWrittenFromTheWritersSide() {
        String initiatorSends = jingle("session-initiate", " senders='initiator'", PT, FP);
        assertThat(sdpText(initiatorSends, Role.INITIATOR)).contains("\r\na=sendonly\r\n");
        assertThat(sdpText(initiatorSends, Role.RESPONDER)).contains("\r\na=recvonly\r\n");
        String none = jingle("session-initiate", " senders='none'", PT, FP);
        assertThat(sdpText(none, Role.RESPONDER)).contains("\r\na=inactive\r\n");
        assertThat(sdpText(initiate(PT), Role.RESPONDER)).contains("\r\na=sendrecv\r\n");
    }

    @Test
    void rtpmap_payloadTypeWritesChannelsOnlyWhenTheElementHasThem() {
        MediaDescription m = media(initiate("<payload-type id='111' name='opus' clockrate='48000' channels='2'/>"
                + "<payload-type id='0' name='PCMU' clockrate='8000'/>"), Role.INITIATOR);
        assertThat(m.formats()).containsExactly("111", "0");
        assertThat(values(m, "rtpmap")).containsExactly("111 opus/48000/2", "0 PCMU/8000");
    }

    @Test
    void fmtp_stanzaJsNameOnlyAndJicofoJoinedValueAreWrittenAsFmtp() {
        String xml = initiate("<payload-type id='126' name='telephone-event' clockrate='8000'>"
                + "<parameter name='0-15'/></payload-type><payload-type id='100' name='H264' clockrate='90000'>"
                + "<parameter name='profile-level-id' value='42e01f;packetization-mode=1'/></payload-type>"
                + "<payload-type id='101' name='red' clockrate='48000'><parameter name='' value='111/111'/>"
                + "</payload-type>");
        assertThat(sdpText(xml, Role.INITIATOR)).contains("\r\na=fmtp:126 0-15\r\n",
                "\r\na=fmtp:100 profile-level-id=42e01f;packetization-mode=1\r\n", "\r\na=fmtp:101 111/111\r\n");
    }

    @Test
    void rtcpFb_jingleElementsBecomeWildcardAndPerPayloadLines() {
        String xml = initiate("<payload-type id='111' name='opus' clockrate='48000' channels='2'>"
                + "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/></payload-type>"
                + "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>");
        assertThat(values(media(xml, Role.INITIATOR), "rtcp-fb")).containsExactly("* transport-cc", "111 nack pli");
    }

    @Test
    void rtcpFbTrrInt_jingleElementBecomesATrrIntLine() {
        String xml = initiate("<payload-type id='111' name='opus' clockrate='48000' channels='2'>"
                + "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='5'/></payload-type>"
                + "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>");
        assertThat(sdpText(xml, Role.INITIATOR)).contains("\r\na=rtcp-fb:* trr-int 100\r\n",
                "\r\na=rtcp-fb:111 trr-int 5\r\n");
    }

    @Test
    void extmap_extensionAttributesAreDroppedWithANote() {
        Parsed<Jingle> j = toJingle(sdp("a=extmap:7 urn:ietf:params:rtp-hdrext:encrypt urn:x:ext\r\n"),
                Role.INITIATOR);
        assertThat(description(j.value()).headerExtensions()).containsExactly(
                new HeaderExtension(7, "urn:ietf:params:rtp-hdrext:encrypt", Optional.empty(), List.of()));
        assertThat(j.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"",
                "extmap 7 extension attributes have no XEP-0294 counterpart"));
        assertThat(values(back(j.value(), Role.INITIATOR), "extmap"))
                .containsExactly("7 urn:ietf:params:rtp-hdrext:encrypt");
    }

    @Test
    void extmap_hdrextSendersIsWrittenFromTheWritersSide() {
        String xml = initiate(PT + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='2'"
                + " uri='urn:ietf:params:rtp-hdrext:csrc-audio-level' senders='responder'/>"
                + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='3'"
                + " uri='urn:ietf:params:rtp-hdrext:sdes:mid' senders='both'/>");
        assertThat(values(media(xml, Role.RESPONDER), "extmap")).containsExactly(
                "2/sendonly urn:ietf:params:rtp-hdrext:csrc-audio-level", "3 urn:ietf:params:rtp-hdrext:sdes:mid");
        assertThat(values(media(xml, Role.INITIATOR), "extmap")).containsExactly(
                "2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level", "3 urn:ietf:params:rtp-hdrext:sdes:mid");
    }

    @Test
    void extmapAllowMixed_jingleElementIsWrittenInTheMediaSection() {
        String xml = initiate(PT + "<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(sdp.value().media().get(0).has("extmap-allow-mixed")).isTrue();
        assertThat(sdp.value().has("extmap-allow-mixed")).isFalse();
        assertThat(description(offer("a=extmap-allow-mixed\r\n")).extmapAllowMixed()).isTrue();
    }

    @Test
    void ssrc_sourceWithoutParametersWritesNoLine() {
        String xml = initiate(PT + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1111'>"
                + "<parameter name='cname' value='c1'/></source>"
                + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='2222'/>");
        assertThat(values(media(xml, Role.INITIATOR), "ssrc")).containsExactly("1111 cname:c1");
    }

    @Test
    void ssrcGroup_jingleElementBecomesAnSsrcGroupLine() {
        String xml = initiate(PT + SOURCE_1 + "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='SIM'>"
                + "<source ssrc='1'/><source ssrc='2'/><source ssrc='3'/></ssrc-group>");
        assertThat(sdpText(xml, Role.INITIATOR)).contains("\r\na=ssrc-group:SIM 1 2 3\r\n");
    }

    @Test
    void ssrcGroup_memberWithoutASourceGetsItsGroupsParametersWithANote() {
        // StanzaJS's session-accept: an FID naming its RTX ssrc, with a <source> for the first ssrc only
        String xml = initiate(PT + SOURCE_1 + "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
                + "<source ssrc='1'/><source ssrc='2'/></ssrc-group>");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(values(sdp.value().media().get(0), "ssrc")).containsExactly("1 cname:c1", "1 msid:s t",
                "2 cname:c1", "2 msid:s t");
        assertThat(values(sdp.value().media().get(0), "ssrc-group")).containsExactly("FID 1 2");
        assertThat(sdp.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "content \"a\"", "ssrc 2 of"
                + " ssrc-group FID has no <source>: given its group's parameters (RFC 5576 §4.2)"));
    }

    @Test
    void ssrcGroup_memberWhoseSourceHasNoParameters_isReplacedOnceByOneWithItsGroupsParameters() {
        String group = "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
                + "<source ssrc='2'/><source ssrc='1'/></ssrc-group>";
        String xml = initiate(PT + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='2'/>" + SOURCE_1 + group
                + group.replace("FID", "FEC-FR"));
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(values(sdp.value().media().get(0), "ssrc")).containsExactly("1 cname:c1", "1 msid:s t",
                "2 cname:c1", "2 msid:s t");
        assertThat(values(sdp.value().media().get(0), "ssrc-group")).containsExactly("FID 2 1", "FEC-FR 2 1");
        assertThat(sdp.notes()).filteredOn(n -> n.kind() == MappingNote.Kind.DEFAULTED
                && n.text().startsWith("ssrc 2 ")).hasSize(1);
    }

    @Test
    void ssrcGroup_noMemberWithASourceIsDroppedWithANote() {
        String xml = initiate(PT + "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>"
                + "<source ssrc='1'/><source ssrc='2'/></ssrc-group>");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(values(sdp.value().media().get(0), "ssrc-group")).isEmpty();
        assertThat(sdp.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "content \"a\"", "ssrc-group FID"
                + " names no SSRC that has a <source> with parameters: no a=ssrc line could describe it"));
    }

    private static String sourceWithMsid(String msid) {
        return initiate(PT + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1111'>"
                + "<parameter name='msid' value='" + msid + "'/></source>");
    }

    @Test
    void msid_sourceParameterBecomesMediaMsid() {
        assertThat(sdpText(sourceWithMsid("stream1 track1"), Role.INITIATOR)).contains("\r\na=msid:stream1 track1\r\n");
    }

    @Test
    void msid_isRefusedUnlessOneOrTwoTokensOfAtMost64Characters() {
        assertThatThrownBy(() -> toSdp(sourceWithMsid("a b c"), Role.INITIATOR))
                .isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": msid must be <stream id> [<track id>], each 1-64 characters, found"
                        + " \"a b c\"");
        String tooLong = "s".repeat(65);
        assertThatThrownBy(() -> toSdp(sourceWithMsid(tooLong + " t"), Role.INITIATOR))
                .isInstanceOf(TranslationException.class)
                .hasMessageContaining("msid must be <stream id> [<track id>], each 1-64 characters");
        assertThat(values(media(sourceWithMsid("s".repeat(64)), Role.INITIATOR), "msid"))
                .containsExactly("s".repeat(64));
    }

    @Test
    void rtcpMux_isWrittenOnlyWhenTheElementIsThere() {
        assertThat(sdpText(initiate(PT + "<rtcp-mux/>"), Role.INITIATOR)).contains("\r\na=rtcp-mux\r\n");
        assertThat(media(initiate(PT), Role.INITIATOR).has("rtcp-mux")).isFalse();
    }

    @Test
    void bandwidth_asTiasAndCtBecomeBandwidthElementsAndBack() {
        String sdp = HEAD + BUNDLE + AUDIO + "b=AS:64\r\nb=TIAS:64000\r\nb=CT:128\r\n" + ICE + DTLS + "a=mid:0\r\n"
                + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(description(j).bandwidths()).containsExactly(
                new org.jinglegateway.mapper.jingle.Bandwidth("AS", "64"),
                new org.jinglegateway.mapper.jingle.Bandwidth("TIAS", "64000"),
                new org.jinglegateway.mapper.jingle.Bandwidth("CT", "128"));
        assertThat(JingleWriter.toXml(j)).contains("<bandwidth type=\"AS\">64</bandwidth>");
        String written = SdpWriter.write(JingleToSdp.translate(JingleReader.read(JingleWriter.toXml(j)),
                Role.INITIATOR).value());
        assertThat(written).contains("\r\nc=IN IP4 0.0.0.0\r\nb=AS:64\r\nb=TIAS:64000\r\nb=CT:128\r\n");
    }

    @Test
    void bandwidth_valueThatIsNoNumberIsRefused() {
        String xml = initiate(PT + "<bandwidth type='AS'>64\r\nkbps</bandwidth>");
        assertThatThrownBy(() -> toSdp(xml, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": bandwidth must be a number, found \"64\\nkbps\"");
    }

    @Test
    void iceUfrag_jingleUfragIsWrittenPerMediaAndCannotCarryASpace() {
        MediaDescription m = media(initiate(PT), Role.INITIATOR);
        assertThat(values(m, "ice-ufrag")).containsExactly("uf01");
        assertThat(toSdp(initiate(PT), Role.INITIATOR).value().has("ice-ufrag")).isFalse();
        assertThatThrownBy(() -> toSdp(initiate(PT).replace("ufrag='uf01'", "ufrag='uf 01'"), Role.INITIATOR))
                .isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": ufrag must not contain a space, found \"uf 01\"");
    }

    @Test
    void icePwd_jinglePwdIsWrittenPerMediaAndCannotCarryASpace() {
        assertThat(values(media(initiate(PT), Role.INITIATOR), "ice-pwd")).containsExactly("pwpwpwpwpwpwpwpwpwpwpw");
        String spaced = initiate(PT).replace("pwd='pwpwpwpwpwpwpwpwpwpwpw'", "pwd='pwpwpwpwpwp wpwpwpwpwpw'");
        assertThatThrownBy(() -> toSdp(spaced, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": pwd must not contain a space, found \"pwpwpwpwpwp wpwpwpwpwpw\"");
    }

    @Test
    void iceOptions_atSessionLevelIsDroppedSilentlyAndTrickleIsWrittenPerMedia() {
        String sdp = HEAD + BUNDLE + "a=ice-options:ice2\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC;
        Parsed<Jingle> j = toJingle(sdp, Role.INITIATOR);
        assertThat(j.notes()).noneMatch(n -> n.text().contains("ice-options"));
        assertThat(JingleWriter.toXml(j.value())).doesNotContain("ice2");
        Parsed<SessionDescription> written = toSdp(initiate(PT), Role.INITIATOR);
        assertThat(written.value().has("ice-options")).isFalse();
        assertThat(values(written.value().media().get(0), "ice-options")).containsExactly("trickle");
    }

    @Test
    void candidate_tcptypeAndExtensionsTravelAsCandidateAttributes() {
        String line = "2 1 tcp 1518280447 192.168.1.5 9 typ host tcptype active generation 0 network-cost 50";
        Jingle j = offer("a=candidate:" + line + "\r\n");
        String xml = JingleWriter.toXml(j);
        assertThat(xml).contains(" tcptype=\"active\"", " network-cost=\"50\"");
        assertThat(values(back(j, Role.INITIATOR), "candidate")).containsExactly(line);
    }

    @Test
    void candidate_ufragExtensionIsLeftOutAndTheTransportLowerCased() {
        Jingle j = offer("a=candidate:0 1 UDP 2122187007 192.0.2.2 45061 typ host generation 0 ufrag uf01\r\n");
        String candidate = JingleWriter.toXml(j).replaceAll("(?s).*(<candidate [^>]*>).*", "$1");
        assertThat(candidate).as("XEP-0176 has the ufrag on the transport").doesNotContain("ufrag")
                .contains(" protocol=\"udp\"");
        assertThat(values(back(j, Role.INITIATOR), "candidate"))
                .containsExactly("0 1 udp 2122187007 192.0.2.2 45061 typ host generation 0");
    }

    @Test
    void candidate_extensionNoXmlAttributeCanCarryIsDroppedWithANote() {
        String line = "1 1 udp 2122260223 192.168.1.5 46243 typ host generation 0 1bad x";
        Parsed<Jingle> j = toJingle(sdp("a=candidate:" + line + "\r\n"), Role.INITIATOR);
        assertThat(j.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"",
                "candidate extension \"1bad\" is not an XML name or is an XEP-0176 attribute's, so no <candidate/>"
                        + " attribute can carry it"));
        assertThat(values(back(j.value(), Role.INITIATOR), "candidate"))
                .containsExactly("1 1 udp 2122260223 192.168.1.5 46243 typ host generation 0");
    }

    @Test
    void candidate_jingleCandidateBecomesACandidateLine() {
        String xml = jingle("session-initiate", "", PT, FP + "<candidate component='1' foundation='3' generation='0'"
                + " id='x1' ip='1f7c2f0b-cf8e-4a1a-9c3e-0d6f7b3c9a11.local' network='1' port='50000'"
                + " priority='2122260223' protocol='udp' type='host'/>");
        assertThat(values(media(xml, Role.INITIATOR), "candidate")).containsExactly("3 1 udp 2122260223"
                + " 1f7c2f0b-cf8e-4a1a-9c3e-0d6f7b3c9a11.local 50000 typ host generation 0 network-id 1");
    }

    @Test
    void fingerprint_sessionLevelIsWrittenPerMedia() {
        String sdp = HEAD + "a=group:BUNDLE 0 1\r\na=fingerprint:sha-256 AB:CD:EF\r\na=setup:actpass\r\n"
                + AUDIO + ICE + "a=mid:0\r\n" + CODEC + AUDIO + ICE + "a=mid:1\r\n" + CODEC;
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(j.contents()).allSatisfy(c -> assertThat(c.transport().orElseThrow().fingerprints())
                .extracting(f -> f.hash() + " " + f.value() + " " + f.setup().orElse("?"))
                .containsExactly("sha-256 AB:CD:EF actpass"));
        SessionDescription back = JingleToSdp.translate(j, Role.INITIATOR).value();
        assertThat(back.has("fingerprint")).isFalse();
        assertThat(back.media()).allSatisfy(m -> assertThat(values(m, "fingerprint"))
                .containsExactly("sha-256 AB:CD:EF"));
    }

    @Test
    void setup_missingDefaultsToActpassInOffersAndActiveInAnswersWithANote() {
        String sdp = sdp("").replace("a=setup:actpass\r\n", "");
        Parsed<Jingle> offer = toJingle(sdp, Role.INITIATOR);
        assertThat(transport(offer.value()).fingerprints().get(0).setup()).contains("actpass");
        assertThat(offer.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "content \"0\"",
                "no a=setup: actpass (RFC 8842 §5 default for offers)"));
        Parsed<Jingle> answer = toJingle(sdp, Role.RESPONDER);
        assertThat(transport(answer.value()).fingerprints().get(0).setup()).contains("active");
        assertThat(answer.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "content \"0\"",
                "no a=setup: active (RFC 8842 §5 default for answers)"));
    }

    @Test
    void setup_jingleFingerprintWithoutSetupGetsTheRolesDefaultWithANote() {
        String xml = jingle("session-initiate", "", PT, FP.replace(" setup='actpass'", ""));
        Parsed<SessionDescription> offer = toSdp(xml, Role.INITIATOR);
        assertThat(values(offer.value().media().get(0), "setup")).containsExactly("actpass");
        assertThat(offer.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "content \"a\"",
                "no setup on the fingerprint: actpass (XEP-0320 §3, RFC 8842 §5 default for offers)"));
        Parsed<SessionDescription> answer = toSdp(xml.replace("session-initiate", "session-accept"),
                Role.RESPONDER);
        assertThat(values(answer.value().media().get(0), "setup")).containsExactly("active");
        assertThat(answer.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "content \"a\"",
                "no setup on the fingerprint: active (XEP-0320 §3, RFC 8842 §5 default for answers)"));
    }

    @Test
    void setup_actpassInAJingleAnswerIsWrittenActiveWithANote() {
        Parsed<SessionDescription> answer = toSdp(jingle("session-accept", "", PT, FP), Role.RESPONDER);
        assertThat(values(answer.value().media().get(0), "setup")).containsExactly("active");
        assertThat(answer.notes()).contains(new MappingNote(MappingNote.Kind.APPROXIMATED, "content \"a\"",
                "an answer may not be actpass (RFC 8842 §5.3): active"));
        String passive = jingle("session-accept", "", PT, FP.replace("actpass", "passive"));
        assertThat(values(media(passive, Role.RESPONDER), "setup")).containsExactly("passive");
    }

    @Test
    void group_missingInJingleWritesNoGroupWithANote() {
        String one = initiate(PT);
        String content = one.substring(one.indexOf("<content"), one.indexOf("</jingle>"));
        String xml = one.replace("</jingle>", content.replace("name='a'", "name='b'") + "</jingle>");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(sdp.value().value("group")).isEmpty();
        assertThat(sdp.notes()).contains(new MappingNote(MappingNote.Kind.DEFAULTED, "session",
                "no XEP-0338 group: each content keeps its own transport (no a=group:BUNDLE)"));
    }

    @Test
    void msidSemantic_isWrittenAtSessionLevelForAnyJingle() {
        Parsed<SessionDescription> sdp = toSdp(initiate(PT), Role.INITIATOR);
        assertThat(sdp.value().all("msid-semantic", v -> v)).containsExactly(" WMS *");
        assertThat(sdp.value().media().get(0).has("msid-semantic")).isFalse();
    }

    private static String dataContent(String transportChildren) {
        return "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'><content creator='initiator'"
                + " name='d'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='application'/>"
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='uf01' pwd='pwpwpwpwpwpwpwpwpwpwpw'>"
                + FP + transportChildren + "</transport></content></jingle>";
    }

    @Test
    void sctpPort_absentSctpmapWritesNoPort() {
        MediaDescription m = media(dataContent(""), Role.INITIATOR);
        assertThat(m.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(m.formats()).containsExactly("webrtc-datachannel");
        assertThat(m.has("sctp-port")).isFalse();
    }

    @Test
    void sctpPort_stanzaJsContentWithoutDescriptionIsReadAsData() {
        String xml = "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'><content"
                + " creator='initiator' name='data'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'"
                + " ufrag='uf01' pwd='pwpwpwpwpwpwpwpwpwpwpw'>" + FP + "<sctpmap"
                + " xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel'"
                + " streams='1024'/></transport></content></jingle>";
        String written = sdpText(xml, Role.INITIATOR);
        assertThat(written).contains("\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
                "\r\na=sctp-port:5000\r\n");
    }

    @Test
    void maxMessageSize_jingleSctpmapAttributeBecomesTheLine() {
        String xml = dataContent("<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000'"
                + " protocol='webrtc-datachannel' streams='1024' max-message-size='262144'/>");
        assertThat(sdpText(xml, Role.INITIATOR)).contains("\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n");
        assertThat(media(dataContent("<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000'/>"),
                Role.INITIATOR).has("max-message-size")).isFalse();
    }

    @Test
    void sctpmap_isNeverWrittenBackEvenFromAJicofoSctpmap() {
        String xml = dataContent("<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5001'"
                + " protocol='webrtc-datachannel' streams='1024'/>");
        MediaDescription m = media(xml, Role.INITIATOR);
        assertThat(m.has("sctpmap")).isFalse();
        assertThat(values(m, "sctp-port")).containsExactly("5001");
    }

    @Test
    void ptime_mediaValueGoesOnEveryPayloadType() {
        String sdp = HEAD + BUNDLE + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n" + ICE + DTLS + "a=mid:0\r\na=ptime:40\r\n"
                + CODEC + "a=rtpmap:0 PCMU/8000\r\n";
        Jingle j = toJingle(sdp, Role.INITIATOR).value();
        assertThat(description(j).payloadTypes()).extracting(PayloadType::ptime)
                .containsExactly(OptionalInt.of(40), OptionalInt.of(40));
    }

    /** Two payload types with different {@code attribute} values: only the first one's reaches the SDP. */
    private static List<String> writtenForTwoPayloads(String attribute, int first, int second) {
        String xml = initiate("<payload-type id='111' name='opus' clockrate='48000' channels='2' " + attribute + "='"
                + first + "'/><payload-type id='0' name='PCMU' clockrate='8000' " + attribute + "='" + second + "'/>");
        assertThat(media(initiate(PT), Role.INITIATOR).has(attribute)).as("without " + attribute).isFalse();
        return values(media(xml, Role.INITIATOR), attribute);
    }

    @Test
    void ptime_theFirstPayloadTypesValueIsWrittenBack() {
        assertThat(writtenForTwoPayloads("ptime", 60, 20)).containsExactly("60");
    }

    @Test
    void maxptime_theFirstPayloadTypesValueIsWrittenBack() {
        assertThat(writtenForTwoPayloads("maxptime", 120, 40)).containsExactly("120");
    }

    /** The notes for two payload types whose {@code attribute} values differ (and none when only one has it). */
    private static List<MappingNote> notesForTwoPayloads(String attribute, int first, int second) {
        String xml = initiate("<payload-type id='111' name='opus' clockrate='48000' " + attribute + "='" + first
                + "'/><payload-type id='0' name='PCMU' clockrate='8000' " + attribute + "='" + second + "'/>");
        String one = initiate("<payload-type id='111' name='opus' clockrate='48000' " + attribute + "='" + first
                + "'/>");
        assertThat(toSdp(one, Role.INITIATOR).notes()).as("one payload type").noneMatch(n -> n.text()
                .contains(attribute));
        return toSdp(xml, Role.INITIATOR).notes();
    }

    @Test
    void ptime_differentValuesOnThePayloadTypesGiveANote() {
        assertThat(notesForTwoPayloads("ptime", 20, 40)).contains(new MappingNote(MappingNote.Kind.APPROXIMATED,
                "content \"a\"", "payload types have different ptime values and SDP has one per media section:"
                + " a=ptime:20"));
    }

    @Test
    void maxptime_differentValuesOnThePayloadTypesGiveANote() {
        assertThat(notesForTwoPayloads("maxptime", 120, 40)).contains(new MappingNote(
                MappingNote.Kind.APPROXIMATED, "content \"a\"", "payload types have different maxptime values and SDP"
                + " has one per media section: a=maxptime:120"));
    }

    @Test
    void bandwidth_atSessionLevelIsDroppedWithANote() {
        String sdp = HEAD + "b=CT:1000\r\n" + BUNDLE + AUDIO + "b=AS:300\r\n" + ICE + DTLS + "a=mid:0\r\n" + CODEC;
        Parsed<Jingle> j = toJingle(sdp, Role.INITIATOR);
        assertThat(j.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "session", "b=CT at session level"
                + " has no Jingle counterpart (XEP-0167 <bandwidth> belongs to one description)"));
        assertThat(description(j.value()).bandwidths()).extracting(b -> b.type() + ":" + b.value())
                .containsExactly("AS:300");
    }

    @Test
    void msid_withoutSsrcLinesIsDroppedWithANote() {
        Parsed<Jingle> j = toJingle(sdp("a=msid:stream1 track1\r\n"), Role.INITIATOR);
        assertThat(description(j.value()).sources()).isEmpty();
        assertThat(j.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "content \"0\"", "a=msid without"
                + " a=ssrc lines: XEP-0339 carries msid as a parameter of a <source>, and there is none"));
    }

    @Test
    void extmap_hdrextParametersAreDroppedWithANote() {
        String xml = initiate(PT + "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='3' uri='urn:y'>"
                + "<parameter name='p' value='v'/></rtp-hdrext>");
        Parsed<SessionDescription> sdp = toSdp(xml, Role.INITIATOR);
        assertThat(values(sdp.value().media().get(0), "extmap")).containsExactly("3 urn:y");
        assertThat(sdp.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "content \"a\"",
                "rtp-hdrext 3 parameters have no a=extmap counterpart"));
    }

    @Test
    void rtcp_isNeverWrittenFromJingle() {
        String written = sdpText(initiate(PT + "<rtcp-mux/>"), Role.INITIATOR);
        assertThat(written).contains("\r\na=rtcp-mux\r\n").doesNotContain("\r\na=rtcp:");
    }

    @Test
    void bundleOnly_isNotWrittenBack() {
        String sdp = HEAD + "a=group:BUNDLE 0 1\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC
                + "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\n" + ICE + DTLS
                + "a=mid:1\r\n" + CODEC;
        SessionDescription back = JingleToSdp.translate(toJingle(sdp, Role.INITIATOR).value(), Role.INITIATOR)
                .value();
        assertThat(back.media()).extracting(MediaDescription::mid).containsExactly(Optional.of("0"),
                Optional.of("1"));
        assertThat(back.media()).noneMatch(m -> m.has("bundle-only"));
    }

    private static final String KEY = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    @Test
    void crypto_isRequiredOnlyWhenTheProfileIsSavpWithoutDtls() {
        String line = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + KEY + "\r\n";
        String sdes = HEAD + BUNDLE + "m=audio 9 RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n" + ICE + "a=mid:0\r\n" + line
                + CODEC;
        assertThat(JingleWriter.toXml(toJingle(sdes, Role.INITIATOR).value()))
                .contains("<encryption xmlns=\"urn:xmpp:jingle:apps:rtp:1\" required=\"1\"><crypto");
        assertThat(JingleWriter.toXml(offer(line))).contains("<encryption xmlns=\"urn:xmpp:jingle:apps:rtp:1\">"
                + "<crypto");
    }

    @Test
    void crypto_jingleCryptoElementsBecomeLinesInOrder() {
        String xml = initiate(PT + "<encryption><crypto tag='2' crypto-suite='AES_CM_128_HMAC_SHA1_32' key-params='"
                + KEY + "'/><crypto tag='1' crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='" + KEY + "'"
                + " session-params='KDR=1'/></encryption>");
        assertThat(values(media(xml, Role.INITIATOR), "crypto")).containsExactly("2 AES_CM_128_HMAC_SHA1_32 " + KEY,
                "1 AES_CM_128_HMAC_SHA1_80 " + KEY + " KDR=1");
    }

    @Test
    void unmodelled_sessionLevelIceLiteIsDroppedWithANote() {
        String sdp = HEAD + BUNDLE + "a=ice-lite\r\n" + AUDIO + ICE + DTLS + "a=mid:0\r\n" + CODEC;
        Parsed<Jingle> j = toJingle(sdp, Role.INITIATOR);
        assertThat(j.notes()).contains(new MappingNote(MappingNote.Kind.DROPPED, "session",
                "a=ice-lite has no Jingle counterpart"));
        assertThat(SdpWriter.write(JingleToSdp.translate(j.value(), Role.INITIATOR).value()))
                .doesNotContain("ice-lite");
    }
}
