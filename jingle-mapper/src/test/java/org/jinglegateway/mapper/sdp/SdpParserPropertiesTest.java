package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jinglegateway.mapper.Mutations;
import org.jinglegateway.mapper.XmlChars;

/**
 * Seeds are fixed so that CI is reproducible; to explore, remove the seed locally (each new seed has found
 * real bugs: a lone CR in a value, unescaped namespace URIs, reserved candidate attribute names).
 *
 * <p>Random and structure-aware mutated SDP (every client's, see {@link Mutations#sdpSeeds}) only ever raises
 * {@link SdpParseException}; whatever parses writes and parses again to the same model, and holds no character
 * XML 1.0 forbids. The statistics show which operators made what, and the coverage checks fail the run when too
 * few tries get past the parser or give a model other than the seed's.
 */
final class SdpParserPropertiesTest {
    private static final Map<String, String> SEEDS = Mutations.sdpSeeds();
    private static final Map<String, SessionDescription> SEED_MODELS = new ConcurrentHashMap<>();

    @Property(tries = 500, seed = "20261125")
    void randomText_onlyRaisesSdpParseException(@ForAll("sdpLike") String text) {
        String outcome = checkParseWriteParse(text) == null ? "refused" : "parsed";
        Statistics.label("outcome").collect(outcome);
    }

    @Property(tries = 2000, seed = "20261125")
    void mutatedSdp_parsesWritesAndParsesToTheSameModel(@ForAll("mutations") Mutations.Mutant m) {
        SessionDescription parsed = checkParseWriteParse(m.text());
        String outcome = parsed == null ? "refused"
                : parsed.equals(SEED_MODELS.computeIfAbsent(m.seed(), s -> SdpParser.parse(SEEDS.get(s)).value()))
                ? "parsed, the seed's model" : "parsed, a new model";
        Statistics.label("operator").collect(m.operator());
        Statistics.label("outcome").collect(outcome);
        Statistics.label("outcome").coverage(c -> {
            c.check("parsed, a new model").percentage(p -> p >= 35);
            c.check("refused").percentage(p -> p >= 15);
        });
    }

    /** The parsed model, or null when the parser refused the text with its declared exception. */
    private static SessionDescription checkParseWriteParse(String text) {
        SessionDescription first;
        try {
            first = SdpParser.parse(text).value();
        } catch (SdpParseException expected) {
            assertThat(expected.singleLine()).isNotBlank().doesNotContain("\n");
            return null;
        }
        String written = SdpWriter.write(first);
        assertThat(XmlChars.firstForbidden(written)).as("index of a character XML 1.0 forbids").isEqualTo(-1);
        assertThat(SdpParser.parse(written).value()).isEqualTo(first);
        assertThat(SdpWriter.write(SdpParser.parse(written).value())).isEqualTo(written);
        return first;
    }

    @Provide
    Arbitrary<String> sdpLike() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "c=IN IP4 0.0.0.0", "b=AS:30",
                        "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10",
                        "a=candidate:1 1 udp 2 127.0.0.1 9 typ host", "a=extmap:1/sendonly urn:x", "a=ssrc:1 cname:x"),
                Arbitraries.strings().withChars("vosctbmai=:/ 0123456789-*;\r\n\t\u00e9\u0001\ufffe\ud800")
                        .ofMaxLength(40));
        return line.list().ofMaxSize(25).map(lines -> String.join("\r\n", lines));
    }

    @Provide
    Arbitrary<Mutations.Mutant> mutations() {
        return Mutations.sdp(SEEDS);
    }
}
