package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** STYLE.md §5: random and mutated SDP only ever throws SdpParseException, and whatever parses writes back. */
final class SdpPropertyTest {

    @Property(tries = 500)
    void randomText_onlyEverThrowsSdpParseException(@ForAll("sdpish") String text) {
        checkParsesOrFailsCleanly(text);
    }

    @Property(tries = 1500)
    void mutatedChromeOffer_onlyEverThrowsSdpParseException(@ForAll("mutations") String text) {
        checkParsesOrFailsCleanly(text);
    }

    private static void checkParsesOrFailsCleanly(String text) {
        SessionDescription parsed;
        try {
            parsed = SdpParser.parse(text).value();
        } catch (SdpParseException e) {
            assertThat(e.getMessage()).startsWith("SDP line ");
            return;
        }
        String written = SdpWriter.write(parsed);
        assertThat(SdpParser.parse(written).value()).isEqualTo(parsed);
        assertThat(SdpParser.parse(written).notes()).isEmpty();
    }

    @Provide
    Arbitrary<String> sdpish() {
        Arbitrary<String> line = Arbitraries.strings().withChars("vosctmab=:/ ;*0123456789-.\t\r\nxyzAIPU")
                .ofMaxLength(30);
        return line.list().ofMaxSize(12).map(l -> "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                + String.join("\r\n", l));
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = SampleSdp.CHROME_OFFER;
        Arbitrary<Integer> at = Arbitraries.integers().between(0, base.length() - 1);
        Arbitrary<Character> ch = Arbitraries.of(List.of(' ', '\r', '\n', ':', '/', ';', '=', '*', '0', '9', 'a',
                '-', '\t', '\u00e9', '\u0000'));
        Arbitrary<String> replace = Arbitraries.oneOf(
                at.map(i -> base.substring(0, i) + base.substring(i + 1)),
                Arbitraries.lazy(() -> at.flatMap(i -> ch.map(c -> base.substring(0, i) + c + base.substring(i)))),
                Arbitraries.lazy(() -> at.flatMap(i -> ch.map(c -> base.substring(0, i) + c
                        + base.substring(Math.min(base.length(), i + 1))))));
        return Arbitraries.oneOf(replace, Arbitraries.lazy(() -> Arbitraries.integers().between(0, 20)
                .flatMap(n -> at.list().ofSize(3).map(ps -> {
                    String s = base;
                    for (int p : ps) {
                        int q = Math.min(p, s.length() - 1);
                        s = s.substring(0, q) + Tuple.of(n).get1() + s.substring(q);
                    }
                    return s;
                }))));
    }
}
