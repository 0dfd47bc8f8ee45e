package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.Mutations;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.junit.jupiter.api.Test;

/**
 * The direct SDP to XML path ({@link DirectXml}, behind {@link SdpToJingle#toXml}) against the model path it stands
 * in for: the same XML byte for byte, or the same exception with the same message, on every SDP fixture (browsers
 * captured, and every client's Jingle fixture written as SDP), on the mutation generators, on hand-made edge cases
 * and on hostile input. Each case also says whether the direct path took it, so that a change that sends everything
 * to the fallback fails here instead of passing unseen.
 */
final class DirectXmlTest {
    private static final Map<String, String> SDP = Mutations.sdpSeeds();
    private static final String AUDIO = Fixtures.read("chrome/audio-offer.sdp");

    /** Requests covering both writers, both creators, and JIDs and a sid that need escaping. */
    private static final List<SdpToJingle.Request> REQUESTS = List.of(SdpToJingle.Request.offer("s1"),
            SdpToJingle.Request.answer("s2"),
            new SdpToJingle.Request(JingleAction.SESSION_INITIATE, "a<b&\"c\"", Role.INITIATOR,
                    Optional.of("romeo@example.net/orchard"), Optional.empty()),
            new SdpToJingle.Request(JingleAction.SESSION_ACCEPT, "s3", Role.RESPONDER, Optional.empty(),
                    Optional.of("juliet@example.com/balcony")),
            new SdpToJingle.Request(JingleAction.CONTENT_ADD, "s4", Role.RESPONDER, Optional.empty(),
                    Optional.empty()),
            new SdpToJingle.Request(JingleAction.SESSION_INITIATE, "s5\tx", Role.INITIATOR,
                    Optional.of("j\u00fcrgen@example.org/\u260e"), Optional.of("\ud83d\ude00@example.org")));

    /** What the model path gives: its XML, or its exception's class and message. */
    private static String modelPath(String sdp, SdpToJingle.Request request) {
        try {
            return JingleWriter.toXml(SdpToJingle.translate(SdpParser.parseTyped(sdp).value(), request).value());
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String publicPath(String sdp, SdpToJingle.Request request) {
        try {
            return SdpToJingle.toXml(sdp, request);
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Asserts both paths agree for every request; whether the direct path took the SDP (for the first request). */
    private static boolean same(String name, String sdp) {
        for (SdpToJingle.Request r : REQUESTS) {
            assertThat(publicPath(sdp, r)).as(name + " as " + r).isEqualTo(modelPath(sdp, r));
        }
        return DirectXml.write(sdp, REQUESTS.get(0)) != null;
    }

    @Test
    void everyFixture_givesTheModelPathsXml_andBrowserOffersWithoutCandidatesTakeTheDirectPath() throws IOException {
        List<String> direct = new ArrayList<>();
        for (Map.Entry<String, String> e : SDP.entrySet()) {
            if (same(e.getKey(), e.getValue())) {
                direct.add(e.getKey());
            }
        }
        Path tiny = Path.of("../docs/bench/2026-12-05-mapper-small-offer/tiny.sdp");
        if (Files.exists(tiny)) {
            assertThat(same("tiny.sdp", Files.readString(tiny, StandardCharsets.UTF_8))).isTrue();
        }
        // the bench's inputs and every browser's plain offers and answers are the direct path's
        assertThat(direct).contains("chrome/audio-offer.sdp", "chrome/audio-video-data-offer.sdp",
                "chrome/audio-answer.sdp", "chrome/simulcast-offer.sdp", "firefox/audio-offer.sdp",
                "firefox/audio-video-data-offer.sdp", "firefox/data-answer.sdp");
        // gathered SDPs carry candidates: the model path's
        assertThat(direct).doesNotContain("chrome/audio-offer-gathered.sdp");
        assertThat(direct.size()).isGreaterThan(SDP.size() / 3);
    }

    /** Small edits of the audio offer, each at an edge of the direct path's grammar. */
    @Test
    void edgeCases_giveTheModelPathsXmlOrError() {
        String[][] edits = {
            // {what, replace this, with this}
            {"LF line endings", "\r\n", "\n"},
            {"escaped values", "a=mid:0", "a=mid:0\r\na=ssrc:1 cname:<&\">"},
            {"question marks", "cname:tTRmVnnSoGMFXvZr", "cname:?tTRm?VnnSoGMFXvZr?"},
            {"a character ISO-8859-1 lacks, read as ?", "cname:tTRmVnnSoGMFXvZr", "cname:tTRm\u260eVnnSoGMFXvZr"},
            {"a lone surrogate, read as ?", "cname:tTRmVnnSoGMFXvZr", "cname:tTRm\ud800nnSoGMFXvZr"},
            {"Latin-1 in a short line", "a=mid:0", "a=mid:\u00e9"},
            {"emoji at the very end", "a=ssrc:3918765500 msid:", "a=x-n:\ud83d\ude00\r\na=ssrc:3918765500 msid:"},
            {"fmtp value-only, empty value, =x, spaced", "minptime=10;useinbandfec=1", "0-15; a=;=x ;  b=c  ;;"},
            {"fmtp name with a space", "minptime=10", "min ptime=10"},
            {"fmtp value starting with a space", "minptime=10", "minptime= 10"},
            {"fmtp without parameters", "a=fmtp:63 111/111", "a=fmtp:63"},
            {"fmtp for a format not on the m-line", "a=fmtp:63 111/111", "a=fmtp:64 x=1\r\na=fmtp:063 y=2"},
            {"second fmtp for a format", "a=fmtp:63 111/111", "a=fmtp:63 111/111\r\na=fmtp:63 a=b"},
            {"rtpmap for a missing format, repeated", "a=rtpmap:9 G722/8000", "a=rtpmap:9 G722/8000/1\r\n"
                + "a=rtpmap:99 x/1\r\na=rtpmap:9 G723/16000"},
            {"rtpmap bad", "a=rtpmap:9 G722/8000", "a=rtpmap:9 G722/x"},
            {"rtcp-fb star, subtype, double space, other pt", "a=rtcp-fb:111 transport-cc",
                "a=rtcp-fb:* nack\r\na=rtcp-fb:111 nack  pli\r\na=rtcp-fb:0111 nack\r\na=rtcp-fb:5 ccm fir"},
            {"rtcp-fb trr-int", "a=rtcp-fb:111 transport-cc", "a=rtcp-fb:111 trr-int 100"},
            {"extmap direction and attributes", "a=extmap:1 urn", "a=extmap:1/recvonly urn"},
            {"extmap attributes", "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:2 http://x attr"},
            {"extmap id 0", "a=extmap:1 urn", "a=extmap:0 urn"},
            {"direction sendonly", "a=sendrecv", "a=sendonly\r\na=recvonly"},
            {"direction inactive", "a=sendrecv", "a=inactive"},
            {"setup passive", "a=setup:actpass", "a=setup:passive"},
            {"no setup", "a=setup:actpass\r\n", ""},
            {"bad setup", "a=setup:actpass", "a=setup:x"},
            {"ptime, maxptime", "a=rtcp-mux", "a=rtcp-mux\r\na=ptime:20\r\na=maxptime:120\r\na=ptime:40"},
            {"ptime flag", "a=rtcp-mux", "a=rtcp-mux\r\na=ptime"},
            {"ssrc written two ways, msid filled", "a=ssrc:3918765500 msid:a5d6da55-d66b-4de8-a769-c7e5e30020d2"
                + " 3d665113-e9c1-4dd3-8f10-501c15f8baa4", "a=ssrc:03918765500 label:x\r\na=ssrc:7 cname:y\r\n"
                + "a=ssrc:7 foo:\r\na=ssrc:7 bar"},
            {"ssrc bad msid", "a=ssrc:3918765500 msid:a5d6da55", "a=ssrc:3918765500 msid:a b c"},
            {"ssrc-group", "a=ssrc:3918765500 cname", "a=ssrc-group:FID 3918765500 007\r\na=ssrc:3918765500 cname"},
            {"ssrc-group empty", "a=ssrc:3918765500 cname", "a=ssrc-group:FID\r\na=ssrc:3918765500 cname"},
            {"session fingerprint", "a=extmap-allow-mixed", "a=extmap-allow-mixed\r\na=fingerprint:sha-1 AB"},
            {"session fingerprint only", "a=fingerprint:sha-256 21", "a=x-fingerprint:sha-256 21"},
            {"session ice-ufrag", "a=extmap-allow-mixed", "a=ice-ufrag:x"},
            {"no session allow-mixed", "a=extmap-allow-mixed\r\n", ""},
            {"group with two mids", "a=group:BUNDLE 0", "a=group:BUNDLE 0 1\r\na=group:LS 0"},
            {"empty group", "a=group:BUNDLE 0", "a=group:BUNDLE"},
            {"group with an empty mid", "a=group:BUNDLE 0", "a=group:BUNDLE  0"},
            {"no mid", "a=mid:0\r\n", ""},
            {"two mids", "a=mid:0", "a=mid:0\r\na=mid:1"},
            {"port 0", "m=audio 9 ", "m=audio 0 "},
            {"port count", "m=audio 9 ", "m=audio 9/2 "},
            {"format with a leading zero", " 111 63 ", " 0111 63 "},
            {"format not a payload type", " 111 63 ", " 111 abc "},
            {"duplicate format", " 111 63 ", " 111 111 "},
            {"candidate", "a=rtcp-mux", "a=rtcp-mux\r\na=candidate:1 1 udp 1 192.0.2.1 9 typ host"},
            {"crypto", "a=rtcp-mux", "a=rtcp-mux\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x"},
            {"unknown attribute", "a=rtcp-mux", "a=rtcp-mux\r\na=x-google-flag:conference\r\na=x"},
            {"bad attribute name", "a=rtcp-mux", "a=rtcp-mux\r\na=x(y):z"},
            {"empty attribute name", "a=rtcp-mux", "a=rtcp-mux\r\na=:z"},
            {"trailing space", "a=rtcp-mux", "a=rtcp-mux "},
            {"tab", "a=rtcp-mux", "a=rtcp-mux\r\na=x:\t"},
            {"blank line", "a=rtcp-mux", "a=rtcp-mux\r\n"},
            {"b= line", "c=IN IP4 0.0.0.0", "c=IN IP4 0.0.0.0\r\nb=AS:30"},
            {"other c=", "c=IN IP4 0.0.0.0", "c=IN IP4 192.0.2.1"},
            {"no t=", "t=0 0\r\n", ""},
            {"bad o=", "o=- ", "o=-  "},
            {"msid three parts", "a=msid:a5d6da55-d66b-4de8-a769-c7e5e30020d2", "a=msid:a b"},
            {"msid flag", "a=msid:a5d6da55-d66b-4de8-a769-c7e5e30020d2 3d665113-e9c1-4dd3-8f10-501c15f8baa4",
                "a=msid"},
            {"non-ASCII", "a=rtcp-mux", "a=rtcp-mux\r\na=x:\u00e9"},
            {"NUL", "a=rtcp-mux", "a=rtcp-mux\r\na=x:\u0000"},
            {"lone CR", "a=rtcp-mux", "a=rtcp-mux\ra=x"},
            {"no final line end", "cname:tTRmVnnSoGMFXvZr", "cname:tTRmVnnSoGMFXvZr"},
            {"data section", "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr", "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr"
                + "\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n"
                + "a=sendonly\r\na=sctp-port:5000\r\na=max-message-size:262144\r\na=extmap:1 u"},
            {"data section without sctp-port", "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr",
                "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
                + "a=mid:1\r\na=max-message-size:262144"},
            {"duplicate mid", "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr", "a=ssrc:3918765500 cname:x\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0"},
        };
        List<String> direct = new ArrayList<>();
        for (String[] e : edits) {
            String sdp = AUDIO.replace(e[1], e[2]);
            if (e[0].equals("no final line end")) {
                sdp = sdp.strip();
            } else {
                assertThat(sdp).as(e[0]).isNotEqualTo(AUDIO);
            }
            if (same(e[0], sdp)) {
                direct.add(e[0]);
            }
        }
        // these stay in the direct path's grammar, so that its corners are compared, not only its fallback
        assertThat(direct).contains("LF line endings", "escaped values", "question marks",
                "fmtp value-only, empty value, =x, spaced",
                "fmtp without parameters", "second fmtp for a format", "rtpmap for a missing format, repeated",
                "rtcp-fb star, subtype, double space, other pt", "extmap direction and attributes",
                "direction sendonly", "no setup", "ptime, maxptime", "ssrc written two ways, msid filled",
                "ssrc-group", "session fingerprint", "group with two mids", "empty group", "unknown attribute",
                "no final line end", "data section", "data section without sctp-port");
        // a character outside ASCII is the model path's, even where its byte reads as a printable '?'
        assertThat(direct).doesNotContain("a character ISO-8859-1 lacks, read as ?", "a lone surrogate, read as ?",
                "Latin-1 in a short line", "emoji at the very end");
        // surrogate pairs near the end of the text, each line ending: the bytes are shorter than the text
        for (String end : List.of("", "\n", "\r\n")) {
            for (int emoji = 1; emoji <= 3; emoji++) {
                String sdp = AUDIO.strip() + "\r\na=x-n:" + "\ud83d\ude00".repeat(emoji) + end;
                assertThat(same("emoji x" + emoji + " before " + end.length() + " line-end characters", sdp))
                        .isFalse();
            }
        }
    }

    /** A request's JIDs and sid: printable ASCII is written by the direct path, escaped; anything else is not. */
    @Test
    void requestStrings_printableAsciiDirect_otherCharactersTheModelPath() {
        assertThat(DirectXml.write(AUDIO, REQUESTS.get(2))).contains("sid=\"a&lt;b&amp;&quot;c&quot;\"")
                .contains("initiator=\"romeo@example.net/orchard\"");
        // a TAB in the sid (a character reference), a JID outside ASCII: the model path's, with the same XML
        assertThat(DirectXml.write(AUDIO, REQUESTS.get(5))).isNull();
        assertThat(SdpToJingle.toXml(AUDIO, REQUESTS.get(5))).contains("sid=\"s5&#9;x\"")
                .contains("initiator=\"j\u00fcrgen@example.org/\u260e\"");
        for (String jid : List.of("a\u007f@x", "a\u0080@x", "a\u00ff@x", "a\u0100@x", "a\nb@x")) {
            SdpToJingle.Request r = new SdpToJingle.Request(JingleAction.SESSION_INITIATE, "s", Role.INITIATOR,
                    Optional.of(jid), Optional.empty());
            assertThat(DirectXml.write(AUDIO, r)).as(jid).isNull();
            assertThat(publicPath(AUDIO, r)).as(jid).isEqualTo(modelPath(AUDIO, r));
        }
    }

    /** Hostile input: huge, repeated 10,000 times, control characters; both paths agree and the direct one ends. */
    @Test
    void hostileInput_givesTheModelPathsOutcome() {
        String tail = "a=ssrc:3918765500 cname:tTRmVnnSoGMFXvZr\r\n";
        String[] lines = {"a=ssrc:%d cname:x\r\n", "a=rtcp-fb:111 nack %d\r\n", "a=extmap:%d urn:x\r\n",
            "a=fmtp:111 a=%d\r\n", "a=rtpmap:111 opus/%d\r\n", "a=ssrc-group:FID %d 1\r\n", "a=x%d\r\n",
            "a=fingerprint:sha-1 %d\r\n", "m=audio 9 RTP/AVP 0\r\na=mid:%d\r\n", "a=group:BUNDLE %d\r\n"};
        for (String line : lines) {
            StringBuilder b = new StringBuilder(AUDIO);
            for (int i = 1; i <= 10_000; i++) {
                b.append(String.format(line, line.contains("extmap") ? 1 + i % 255 : i));
            }
            same("10,000 × " + line.strip(), b.toString());
        }
        StringBuilder formats = new StringBuilder("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 RTP/AVP");
        for (int i = 0; i < 10_000; i++) {
            formats.append(' ').append(i % 128);
        }
        same("10,000 formats", formats.append("\r\na=mid:0\r\n").toString());
        String huge = "x".repeat(1_000_000);
        same("huge value", AUDIO.replace(tail, tail + "a=ssrc:1 cname:" + huge + "\r\n"));
        same("huge ufrag", AUDIO.replace("a=ice-ufrag:nG8z", "a=ice-ufrag:" + huge));
        same("huge mid", AUDIO.replace("a=mid:0", "a=mid:" + huge).replace("BUNDLE 0", "BUNDLE " + huge));
        for (String c : Mutations.SPECIAL_CHARS) {
            same("U+" + (int) c.charAt(0) + " in a value", AUDIO.replace("cname:tTRm", "cname:tT" + c + "Rm"));
            same("U+" + (int) c.charAt(0) + " in a name", AUDIO.replace("a=rtcp-mux", "a=rtcp" + c + "-mux"));
            same("U+" + (int) c.charAt(0) + " in a number", AUDIO.replace("a=rtpmap:9 ", "a=rtpmap:9" + c + " "));
        }
    }

    /**
     * Each thread keeps one scan for all its conversions: large and small SDPs, direct or not, in a different order
     * on each of four threads at once, each give what the model path gives (nothing of one conversion reaches the
     * next, and a scan grown past what it keeps starts small again).
     */
    @Test
    void keptScans_oneConversionLeavesNothingToTheNext_onAnyThread() throws Exception {
        List<String> inputs = new ArrayList<>(SDP.values());
        // 1,500 feedback lines: the line arrays grow past what a scan keeps, and the XML past 64 KiB
        StringBuilder many = new StringBuilder(AUDIO);
        for (int i = 0; i < 1500; i++) {
            many.append("a=rtcp-fb:111 nack x").append(i).append("\r\n");
        }
        inputs.add(many.toString());
        inputs.add(AUDIO.replace("cname:tTRm", "cname:<&\"tTRm"));
        String manyXml = DirectXml.write(many.toString(), REQUESTS.get(0));
        assertThat(manyXml).isNotNull();
        assertThat(manyXml.length()).isGreaterThan(64 * 1024);
        List<String> expected = inputs.stream().map(sdp -> modelPath(sdp, REQUESTS.get(0))).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                runs.add(threads.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            order.add(i);
                        }
                    }
                    Collections.shuffle(order, new Random(seed));
                    for (int i : order) {
                        assertThat(publicPath(inputs.get(i), REQUESTS.get(0))).as("input " + i)
                                .isEqualTo(expected.get(i));
                    }
                    return order.size();
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get(2, TimeUnit.MINUTES)).isEqualTo(3 * inputs.size());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The mutation generators: whatever the mutant, the public path gives what the model path gives. */
    @Property(tries = 3000, seed = "20261205")
    void mutatedSdp_givesTheModelPathsXmlOrError(@ForAll("sdp") Mutations.Mutant m) {
        // checked whatever this try gives: a run that never reaches the direct path must fail
        Statistics.label("path").coverage(c -> c.check("direct").percentage(p -> p >= 15));
        SdpToJingle.Request request = m.seed().contains("answer") || m.seed().contains("accept")
                ? SdpToJingle.Request.answer("s") : SdpToJingle.Request.offer("s");
        assertThat(publicPath(m.text(), request)).isEqualTo(modelPath(m.text(), request));
        Statistics.label("path").collect(DirectXml.write(m.text(), request) != null ? "direct" : "model");
    }

    @Provide
    Arbitrary<Mutations.Mutant> sdp() {
        return Mutations.sdp(SDP);
    }
}
