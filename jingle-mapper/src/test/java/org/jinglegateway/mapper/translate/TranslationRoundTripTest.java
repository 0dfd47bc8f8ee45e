package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through the translation on every client fixture (captured or modelled), compared after
 * {@link Normalize}.
 */
final class TranslationRoundTripTest {

    static List<String> browserSdp() {
        return Fixtures.named(".sdp").stream().filter(n -> n.startsWith("chrome/") || n.startsWith("firefox/"))
                .toList();
    }

    /** session-initiate and session-accept stanzas of every client (the other actions carry no full session). */
    static List<String> jingleSessions() {
        return Fixtures.named(".xml").stream().filter(n -> {
            String text = Fixtures.read(n);
            return text.contains("action=\"session-initiate\"") || text.contains("action='session-initiate'")
                    || text.contains("action=\"session-accept\"") || text.contains("action='session-accept'");
        }).toList();
    }

    private static SdpToJingle.Request request(String name) {
        return name.contains("answer") ? SdpToJingle.Request.answer("sid1") : SdpToJingle.Request.offer("sid1");
    }

    /** The parser's typed views give the very translation that views made afresh give, notes included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("browserSdp")
    void typedSdp_translatesLikeTheBareDescription(String name) {
        String text = Fixtures.read(name);
        SdpToJingle.Request request = request(name);
        Parsed<Jingle> typed = SdpToJingle.translate(SdpParser.parseTyped(text).value(), request);
        Parsed<Jingle> bare = SdpToJingle.translate(SdpParser.parse(text).value(), request);
        assertThat(typed.value()).isEqualTo(bare.value());
        assertThat(typed.notes()).isEqualTo(bare.notes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("browserSdp")
    void browserSdp_toJingleAndBack_keepsWhatJingleCarries(String name) {
        SessionDescription original = SdpParser.parse(Fixtures.read(name)).value();
        SdpToJingle.Request request = request(name);
        Jingle jingle = SdpToJingle.translate(original, request).value();
        String back = SdpWriter.write(JingleToSdp.translate(jingle, request.writer()).value());
        SessionDescription reparsed = SdpParser.parse(back).value();
        assertThat(Normalize.sdp(reparsed, request)).isEqualTo(Normalize.sdp(original, request));
        // and what Normalize cannot see because it reads both sides the same way: every line that matters
        for (int i = 0; i < original.media().size(); i++) {
            MediaDescription before = original.media().get(i);
            MediaDescription after = reparsed.media().get(i);
            // a media-level a=msid becomes the sources' msid parameter (XEP-0339), so it may come back on a=ssrc too
            java.util.Optional<String> msid = before.value("msid");
            assertThat(after.all("ssrc", v -> v).stream().filter(v -> msid.isEmpty() || !v.endsWith(" msid:"
                    + msid.get()) || before.all("ssrc", x -> x).contains(v)).toList())
                    .containsExactlyInAnyOrderElementsOf(before.all("ssrc", v -> v));
            for (String attribute : List.of("candidate", "rtpmap", "rtcp-fb", "extmap", "ssrc-group",
                    "fingerprint", "ice-ufrag", "ice-pwd", "mid", "sctp-port")) {
                // session-level values (Firefox's fingerprint, ice-ufrag, ice-pwd) hold for every m-line (RFC 8866)
                List<String> expected = (before.all(attribute, v -> v).isEmpty()
                        ? original.all(attribute, v -> v) : before.all(attribute, v -> v)).stream()
                        .map(v -> attribute.equals("candidate") ? jingleCandidate(v) : v).toList();
                assertThat(after.all(attribute, v -> v)).as("%s m-line %d a=%s", name, i, attribute)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(after.all("fmtp", v -> v)).containsExactlyInAnyOrderElementsOf(
                    before.all("fmtp", v -> v.replace("; ", ";")));
        }
    }

    /** What a candidate line becomes through XEP-0176: transport in lower case, no ufrag extension. */
    private static String jingleCandidate(String line) {
        return line.replaceAll(" ufrag \\S+", "").replace(" UDP ", " udp ").replace(" TCP ", " tcp ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jingleSessions")
    void clientJingle_toSdpAndBack_keepsWhatSdpCarries(String name) {
        Jingle original = JingleReader.read(Fixtures.read(name));
        Role writer = original.action() == JingleAction.SESSION_INITIATE ? Role.INITIATOR : Role.RESPONDER;
        SessionDescription sdp = JingleToSdp.translate(original, writer).value();
        SdpToJingle.Request request = new SdpToJingle.Request(original.action(), original.sid(), writer,
                java.util.Optional.empty(), java.util.Optional.empty());
        Jingle back = SdpToJingle.translate(SdpParser.parse(SdpWriter.write(sdp)).value(), request).value();
        assertThat(Normalize.jingle(back)).isEqualTo(Normalize.jingle(original));
    }
}
