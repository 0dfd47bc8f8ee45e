package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

/** SDES a=crypto <-> XEP-0167 encryption (RFC 4568 §9.1, XEP-0167 §8). */
final class SdesMappingTest {
    private static final String SDES_OFFER = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 9 RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32"
            + " KDR=1 UNENCRYPTED_SRTCP\r\n"
            + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n";

    @Test
    void sdesOffer_cryptoLinesBecomeEncryptionAndComeBackUnchanged() {
        SessionDescription sdp = SdpParser.parse(SDES_OFFER).value();

        Jingle jingle = SdpToJingle.translate(sdp, SdpToJingle.Request.offer("s1")).value();
        String xml = JingleWriter.toXml(jingle);
        String back = SdpWriter.write(JingleToSdp.translate(JingleReader.read(xml), Role.INITIATOR).value());

        assertThat(xml).contains("<encryption xmlns=\"urn:xmpp:jingle:apps:rtp:1\" required=\"1\">"
                + "<crypto crypto-suite=\"AES_CM_128_HMAC_SHA1_80\""
                + " key-params=\"inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32\""
                + " session-params=\"KDR=1 UNENCRYPTED_SRTCP\" tag=\"1\"/>");
        assertThat(back).contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"
                + "|2^20|1:32 KDR=1 UNENCRYPTED_SRTCP\r\n"
                + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n");
    }

    @Test
    void dinoEncryptionBesideDtls_becomesACryptoLine() throws IOException {
        Jingle dino = JingleReader.read(Files.readString(Path.of(
                "src/test/resources/fixtures/modelled/dino/session-initiate-audio.xml"), StandardCharsets.UTF_8));

        String sdp = SdpWriter.write(JingleToSdp.translate(dino, Role.INITIATOR).value());

        assertThat(sdp).contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:pXMcMU1+gl/qZI24JVgqudzzjr0DwbyEbk29uPpy"
                + "\r\n");
    }

    @Test
    void lineBreakInKeyParams_cannotBeInjectedIntoTheSdp() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'>"
                + "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1'"
                + " media='audio'><payload-type id='0' name='PCMU' clockrate='8000'/><encryption><crypto tag='1'"
                + " crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:abc&#13;&#10;a=setup:active'/>"
                + "</encryption></description><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>"
                + "</jingle>");

        assertThatThrownBy(() -> JingleToSdp.translate(j, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessageStartingWith("content \"a\": crypto key params must not contain CR");
    }

    @Test
    void cryptoWithoutTag_isRefusedNamingTheAttribute() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'>"
                + "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1'"
                + " media='audio'><payload-type id='0' name='PCMU' clockrate='8000'/><encryption><crypto"
                + " crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:abc'/></encryption></description>"
                + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content></jingle>");

        assertThatThrownBy(() -> JingleToSdp.translate(j, Role.INITIATOR)).isInstanceOf(TranslationException.class)
                .hasMessage("content \"a\": <crypto/> needs tag (XEP-0167 §8)");
    }
}
