package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.candidate.CandidateParser;

/**
 * The contract the translation relies on: once {@link SdpParser} has accepted an SDP, every typed view of an
 * attribute it checks (rtpmap, fmtp, rtcp-fb, extmap, fingerprint, ssrc, ssrc-group, group, setup, candidate) reads
 * without an exception, at session and media level, so a translator never has to catch a view's
 * IllegalArgumentException.
 */
final class SdpTypedViewPropertiesTest {
    private static final List<String> SEEDS = Fixtures.named(".sdp").stream().map(Fixtures::read).toList();

    private static final Map<String, Function<String, ?>> VIEWS = Map.of(
            "rtpmap", RtpMap::parse,
            "fmtp", Fmtp::parse,
            "rtcp-fb", RtcpFb::parse,
            "extmap", ExtMap::parse,
            "fingerprint", Fingerprint::parse,
            "ssrc", Ssrc::parse,
            "ssrc-group", SsrcGroup::parse,
            "group", Group::parse,
            "setup", Setup::of,
            "candidate", CandidateParser::parseAttributeValue);

    @Property(tries = 1000, seed = "20261125")
    void mutatedFixture_thatParses_hasReadableTypedViews(@ForAll("mutations") String text) {
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(text).value();
        } catch (SdpParseException expected) {
            return;
        }
        List<Object> read = new ArrayList<>();
        for (var view : VIEWS.entrySet()) {
            read.addAll(sdp.all(view.getKey(), view.getValue()));
            for (MediaDescription m : sdp.media()) {
                read.addAll(m.all(view.getKey(), view.getValue()));
            }
        }
        assertThat(read).doesNotContainNull();
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 20_000);
        Arbitrary<String> insert = Arbitraries.of("", " ", "/", ":", "=", ";", "*", "0", "128", "99999999999",
                "-", "x", "a=rtpmap:", "a=fmtp:", "a=extmap:", "a=setup:", "a=candidate:", "a=ssrc:", "\r\na=group:");
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 8);
        return Combinators.combine(seed, position, insert, cut).as((s, p, ins, c) -> {
            int at = Math.min(p, s.length());
            return s.substring(0, at) + ins + s.substring(Math.min(s.length(), at + c));
        });
    }
}
