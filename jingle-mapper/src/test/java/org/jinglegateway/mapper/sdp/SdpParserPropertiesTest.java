package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.jinglegateway.mapper.Fixtures;

/**
 * Random and mutated SDP only ever raises {@link SdpParseException}; whatever parses writes and parses again to
 * the same model.
 */
final class SdpParserPropertiesTest {
    private static final List<String> SEEDS = Fixtures.named(".sdp").stream().map(Fixtures::read).toList();

    @Property(tries = 500)
    void randomText_onlyRaisesSdpParseException(@ForAll("sdpLike") String text) {
        checkParseWriteParse(text);
    }

    @Property(tries = 1000)
    void mutatedFixture_onlyRaisesSdpParseException(@ForAll("mutations") String text) {
        checkParseWriteParse(text);
    }

    private static void checkParseWriteParse(String text) {
        SessionDescription first;
        try {
            first = SdpParser.parse(text).value();
        } catch (SdpParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        String written = SdpWriter.write(first);
        assertThat(SdpParser.parse(written).value()).isEqualTo(first);
    }

    @Provide
    Arbitrary<String> sdpLike() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "c=IN IP4 0.0.0.0", "b=AS:30",
                        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10",
                        "a=candidate:1 1 udp 2 127.0.0.1 9 typ host", "a=extmap:1/sendonly urn:x", "a=ssrc:1 cname:x"),
                Arbitraries.strings().withChars("vosctbmai=:/ 0123456789-*;\r\n\t\u00e9").ofMaxLength(40));
        return line.list().ofMaxSize(25).map(lines -> String.join("\r\n", lines));
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 20_000);
        Arbitrary<String> insert = Arbitraries.of("", " ", "\r\n", "\n", ":", "/", "=", "a=", "m=", "999999999999",
                "-1", "\u0000", "\r", ";;", "typ", "x");
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 12);
        return Combinators.combine(seed, position, insert, cut).as((s, p, ins, c) -> {
            int at = Math.min(p, s.length());
            int end = Math.min(s.length(), at + c);
            return s.substring(0, at) + ins + s.substring(end);
        });
    }
}
