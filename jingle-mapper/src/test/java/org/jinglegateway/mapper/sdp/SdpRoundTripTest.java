package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.candidate.CandidateTransport;
import org.jinglegateway.mapper.candidate.TcpType;
import org.junit.jupiter.api.Test;

final class SdpRoundTripTest {

    @Test
    void chromeBundleOffer_writesBackIdentically() {
        Parsed<SessionDescription> parsed = SdpParser.parse(SampleSdp.CHROME_OFFER);

        assertThat(parsed.notes()).isEmpty();
        assertThat(SdpWriter.write(parsed.value())).isEqualTo(SampleSdp.CHROME_OFFER);
    }

    @Test
    void chromeBundleOffer_readsTypedAttributes() {
        SessionDescription s = SdpParser.parse(SampleSdp.CHROME_OFFER).value();

        assertThat(s.bundleGroup()).hasValue(new Group("BUNDLE", java.util.List.of("0", "1", "2")));
        assertThat(s.extmapAllowMixed()).isTrue();
        assertThat(s.media()).hasSize(3);
        MediaDescription audio = s.media().get(0);
        assertThat(audio.mid()).hasValue("0");
        assertThat(audio.direction()).hasValue(Direction.SENDRECV);
        assertThat(audio.setup()).hasValue(Setup.ACTPASS);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.candidates()).hasSize(3);
        assertThat(audio.candidates().get(2).tcpType()).hasValue(TcpType.ACTIVE);
        assertThat(audio.rtpmap(111)).hasValue(new RtpMap(111, "opus", 48000, OptionalInt.of(2)));
        MediaDescription data = s.media().get(2);
        assertThat(data.media()).isEqualTo(MediaType.Known.APPLICATION);
        assertThat(data.sctpPort()).hasValue(5000);
        assertThat(data.maxMessageSize()).hasValue(262144L);
    }

    @Test
    void firefoxOffer_reparsesEqualAfterWrite() {
        SessionDescription first = SdpParser.parse(SampleSdp.FIREFOX_OFFER).value();

        SessionDescription second = SdpParser.parse(SdpWriter.write(first)).value();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void firefoxOffer_keepsDirectedExtmapsRidsSimulcastAndMdnsCandidates() {
        SessionDescription s = SdpParser.parse(SampleSdp.FIREFOX_OFFER).value();

        MediaDescription audio = s.media().get(0);
        assertThat(audio.extmaps().get(1).direction()).hasValue(Direction.RECVONLY);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.candidates().get(0).isMdns()).isTrue();
        assertThat(audio.candidates().get(0).transport()).isEqualTo(CandidateTransport.Known.UDP);
        MediaDescription video = s.media().get(1);
        assertThat(video.direction()).hasValue(Direction.SENDONLY);
        assertThat(video.rids()).extracting(Rid::id).containsExactly("h", "l");
        assertThat(video.simulcast()).hasValue(new Simulcast(java.util.Optional.of("h;l"), java.util.Optional.empty()));
        assertThat(s.msidSemantics()).containsExactly(new MsidSemantic("WMS", java.util.List.of("*")));
    }

    @Test
    void firefoxOffer_writesInCanonicalOrder() {
        String written = SdpWriter.write(SdpParser.parse(SampleSdp.FIREFOX_OFFER).value());

        assertThat(written).contains("a=msid-semantic: WMS *\r\n")
                .contains("a=rtpmap:126 H264/90000\r\na=rtcp-fb:126 nack\r\na=rtcp-fb:126 nack pli\r\n"
                        + "a=fmtp:126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1\r\n")
                .doesNotContain("\n\n").endsWith("\r\n");
    }
}
