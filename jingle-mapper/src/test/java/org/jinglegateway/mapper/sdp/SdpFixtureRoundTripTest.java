package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.Parsed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every SDP fixture (captured from a real browser or client) reads and writes back byte for byte. */
final class SdpFixtureRoundTripTest {

    static List<String> sdpFixtures() {
        return Fixtures.named(".sdp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdpFixtures")
    void fixture_writesBackByteForByte(String name) {
        String text = Fixtures.read(name);
        Parsed<SessionDescription> parsed = SdpParser.parse(text);
        assertThat(parsed.notes()).as("a real browser's SDP needs no leniency").isEmpty();
        assertThat(SdpWriter.write(parsed.value())).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdpFixtures")
    void fixture_typedViewsReadEveryKnownAttribute(String name) {
        SessionDescription sdp = SdpParser.parse(Fixtures.read(name)).value();
        for (MediaDescription m : sdp.media()) {
            List<RtpMap> rtpmaps = m.all("rtpmap", RtpMap::parse);
            for (RtpMap r : rtpmaps) {
                assertThat(m.formats()).contains(String.valueOf(r.payloadType()));
                assertThat(RtpMap.parse(r.toValue())).isEqualTo(r);
            }
            for (String value : m.all("fmtp", v -> v)) {
                assertThat(Fmtp.parse(value).toValue()).isEqualTo(value.replace("; ", ";"));
            }
            for (String value : m.all("extmap", v -> v)) {
                assertThat(ExtMap.parse(value).toValue()).isEqualTo(value);
            }
            for (String value : m.all("rtcp-fb", v -> v)) {
                assertThat(RtcpFb.parse(value).toValue()).isEqualTo(value);
            }
            for (String value : m.all("ssrc", v -> v)) {
                assertThat(Ssrc.parse(value).toValue()).isEqualTo(value);
            }
        }
    }
}
