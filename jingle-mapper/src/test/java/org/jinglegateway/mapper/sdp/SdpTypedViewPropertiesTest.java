package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jinglegateway.mapper.Mutations;
import org.jinglegateway.mapper.candidate.CandidateParser;
import org.jinglegateway.mapper.candidate.CandidateWriter;
import org.jinglegateway.mapper.candidate.IceCandidate;

/**
 * The contract the translation relies on: once {@link SdpParser} has accepted an SDP, every typed view of an
 * attribute it checks (rtpmap, fmtp, rtcp-fb, extmap, fingerprint, ssrc, ssrc-group, group, setup, msid, candidate)
 * reads without an exception, at session and media level, so a translator never has to catch a view's
 * IllegalArgumentException; and each view writes a value that reads back to the same view (the oracle: a view
 * that lost or changed a field would not).
 */
final class SdpTypedViewPropertiesTest {
    private static final Map<String, String> SEEDS = Mutations.sdpSeeds();

    /** Each view's reader and writer. */
    private record View(Function<String, ?> read, Function<Object, String> write) {
    }

    private static final Map<String, View> VIEWS = Map.ofEntries(
            Map.entry("rtpmap", new View(RtpMap::parse, v -> ((RtpMap) v).toValue())),
            Map.entry("fmtp", new View(Fmtp::parse, v -> ((Fmtp) v).toValue())),
            Map.entry("rtcp-fb", new View(RtcpFb::parse, v -> ((RtcpFb) v).toValue())),
            Map.entry("extmap", new View(ExtMap::parse, v -> ((ExtMap) v).toValue())),
            Map.entry("fingerprint", new View(Fingerprint::parse, v -> ((Fingerprint) v).toValue())),
            Map.entry("ssrc", new View(Ssrc::parse, v -> ((Ssrc) v).toValue())),
            Map.entry("ssrc-group", new View(SsrcGroup::parse, v -> ((SsrcGroup) v).toValue())),
            Map.entry("group", new View(Group::parse, v -> ((Group) v).toValue())),
            Map.entry("setup", new View(Setup::of, v -> ((Setup) v).token())),
            Map.entry("msid", new View(Msid::parse, v -> ((Msid) v).toValue())),
            Map.entry("candidate", new View(CandidateParser::parseAttributeValue,
                    v -> CandidateWriter.attributeValue((IceCandidate) v))));

    @Property(tries = 1500, seed = "20261125")
    void mutatedSdp_thatParses_hasTypedViewsThatWriteAndReadBack(@ForAll("mutations") Mutations.Mutant m) {
        // checked whatever this try gives: a run in which every try is refused must fail
        Statistics.label("outcome").coverage(c -> c.check("parsed, views checked").percentage(p -> p >= 30));
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(m.text()).value();
        } catch (SdpParseException expected) {
            Statistics.label("outcome").collect("refused");
            return;
        }
        int views = 0;
        for (Attribute a : sdp.attributes()) {
            views += checkView(a);
        }
        for (MediaDescription media : sdp.media()) {
            for (Attribute a : media.attributes()) {
                views += checkView(a);
            }
        }
        Statistics.label("outcome").collect(views > 0 ? "parsed, views checked" : "parsed, no view");
    }

    private static int checkView(Attribute a) {
        View view = VIEWS.get(a.name());
        if (view == null) {
            return 0;
        }
        Object read = view.read().apply(a.valueOrEmpty());
        String written = view.write().apply(read);
        assertThat(view.read().apply(written)).as("a=%s:%s written as %s", a.name(), a.valueOrEmpty(), written)
                .isEqualTo(read);
        return 1;
    }

    @Provide
    Arbitrary<Mutations.Mutant> mutations() {
        return Mutations.sdp(SEEDS);
    }
}
