package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

final class IceRestartTest {

    @Test
    void chromeRestartOffer_becomesConversationsStyleTransportInfo() {
        SessionDescription offer = SdpParser.parse(Fixtures.read("chrome/ice-restart-offer.sdp")).value();
        Jingle info = IceRestart.toTransportInfo(offer, "s1", Creator.INITIATOR);
        assertThat(info.contents()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.transport().orElseThrow().ufrag()).contains("ueuV");
            assertThat(c.transport().orElseThrow().pwd()).contains("jCVyO4p22h51J+0IDkRDnoqe");
            assertThat(c.transport().orElseThrow().candidates()).isEmpty();
        });
        Jingle received = JingleReader.read(JingleWriter.toXml(info));
        assertThat(IceRestart.isRestart(received, Map.of("0", "old", "1", "old", "2", "old"))).isTrue();
    }

    @Test
    void conversationsRestart_isRecognisedAndAppliedToTheBrowsersSdp() {
        Jingle initiate = JingleReader.read(Fixtures.read("modelled/conversations/session-initiate-audio-video.xml"));
        SessionDescription before = JingleToSdp.translate(initiate, Role.INITIATOR).value();
        Jingle restart = JingleReader.read(Fixtures.read("modelled/conversations/transport-info-ice-restart.xml"));
        assertThat(IceRestart.isRestart(restart, Map.of("0", before.media().get(0).value("ice-ufrag").orElseThrow(),
                "1", before.media().get(1).value("ice-ufrag").orElseThrow()))).isTrue();
        SessionDescription after = IceRestart.applyToSdp(before, restart);
        for (MediaDescription m : after.media()) {
            assertThat(m.value("ice-ufrag")).contains("ueuV");
            assertThat(m.value("ice-pwd")).contains("jCVyO4p22h51J+0IDkRDnoqe");
            assertThat(m.has("candidate")).isFalse();
            assertThat(m.value("setup")).isEqualTo(before.media().get(0).value("setup"));
        }
        assertThat(Long.parseLong(after.origin().sessionVersion()))
                .isEqualTo(Long.parseLong(before.origin().sessionVersion()) + 1);
    }

    @Test
    void candidatesWithTheCurrentUfrag_areNoRestart() {
        Jingle info = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='transport-info' sid='s'><content"
                + " creator='initiator' name='0'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u1'"
                + " pwd='p'><candidate component='1' foundation='1' ip='192.0.2.2' port='9' priority='1'"
                + " protocol='udp' type='host'/></transport></content></jingle>");
        assertThat(IceRestart.isRestart(info, Map.of("0", "u1"))).isFalse();
    }

    @Test
    void restartOfferWithoutCredentials_isRefused() {
        SessionDescription sdp = SdpParser.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n").value();
        assertThatThrownBy(() -> IceRestart.toTransportInfo(sdp, "s", Creator.INITIATOR))
                .isInstanceOf(TranslationException.class)
                .hasMessage("content \"0\": an ICE restart offer needs a=ice-ufrag and a=ice-pwd");
    }
}
