package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.GatewayProcess;
import org.junit.jupiter.api.Test;

/** The {@code convert} command of README.md, run on the jar as a user runs it. */
final class ConvertCommandIT {
    private static final Path FIXTURES = Path.of("../jingle-mapper/src/test/resources/fixtures");

    private record Result(int exit, String out, String err) {
    }

    private static Result convert(String input, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("convert"));
        all.addAll(List.of(args));
        return jar(input, all.toArray(String[]::new));
    }

    private static Result jar(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", GatewayProcess.jar().toString()));
        command.addAll(List.of(args));
        // input and output through files: a pipe left unread can block the child, and a hung child the build
        Path dir = Files.createTempDirectory("jg-convert-");
        Path in = Files.writeString(dir.resolve("stdin"), input, StandardCharsets.UTF_8);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", args) + " did not finish within 30 s; stderr " + err);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name));
    }

    @Test
    void sdpToJingle_thenJingleToSdp_givesAnOfferWithTheSameCodecs() throws Exception {
        Result jingle = convert(fixture("chrome/audio-video-data-offer.sdp"), "sdp-to-jingle", "--sid", "abc");
        assertThat(jingle.exit()).isZero();
        assertThat(jingle.out()).startsWith("<jingle xmlns=\"urn:xmpp:jingle:1\" action=\"session-initiate\""
                + " sid=\"abc\">").contains("<group xmlns=\"urn:xmpp:jingle:apps:grouping:0\" semantics=\"BUNDLE\">");
        Result sdp = convert(jingle.out(), "jingle-to-sdp");
        assertThat(sdp.exit()).isZero();
        assertThat(sdp.out()).startsWith("v=0\r\n").contains("a=group:BUNDLE 0 1 2\r\n")
                .contains("a=rtpmap:111 opus/48000/2\r\n").contains("a=setup:actpass\r\n").endsWith("\r\n");
    }

    @Test
    void responderRole_givesSessionAcceptNeverActpass() throws Exception {
        Result jingle = convert(fixture("firefox/audio-answer.sdp"), "sdp-to-jingle", "--role", "responder",
                "--sid", "abc");
        assertThat(jingle.out()).contains("action=\"session-accept\"").doesNotContain("actpass");
    }

    @Test
    void candidateToJingle_andBack_keepsTheCandidate() throws Exception {
        String candidate = "candidate:3272157172 1 udp 2122194687 192.0.2.2 45569 typ host generation 0 ufrag nG8z"
                + " network-id 1";
        Result info = convert("{\"candidate\":\"" + candidate + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
                + "\"usernameFragment\":\"nG8z\"}", "candidate-to-jingle", "--sid", "abc");
        assertThat(info.exit()).isZero();
        assertThat(info.out()).contains("action=\"transport-info\"").contains("ufrag=\"nG8z\"");
        Result back = convert(info.out(), "jingle-to-candidates");
        assertThat(back.exit()).isZero();
        // the candidate's own non-standard ufrag attribute is not carried (XEP-0176 has it on the transport only)
        assertThat(back.out()).contains("\"candidate\" : \"" + candidate.replace(" ufrag nG8z", "") + "\"")
                .contains("\"sdpMid\" : \"0\"").contains("\"usernameFragment\" : \"nG8z\"");
    }

    @Test
    void candidateToJingleWithoutSid_exitsTwoWithOneLine() throws Exception {
        Result r = convert("{\"candidate\":\"\"}", "candidate-to-jingle");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jingle-gateway convert: candidate-to-jingle needs --sid (the Jingle"
                + " session id)");
    }

    @Test
    void badSdp_exitsTwoWithLineAndColumn() throws Exception {
        Result r = convert("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
                + "a=rtpmap:abc opus/48000\r\n", "sdp-to-jingle");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("jingle-gateway convert: SDP line 6, column 10: rtpmap payload type"
                + " must be a number 0-127, found \"abc\"");
    }

    @Test
    void badJingle_exitsTwoWithTheElementPath() throws Exception {
        Result r = convert("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content"
                + " creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                + "<payload-type id='300'/></description></content></jingle>", "jingle-to-sdp");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jingle-gateway convert: /jingle/content[1]/description[1]/"
                + "payload-type[1]/@id: must be a number 0-127, found \"300\"");
    }

    @Test
    void bench_printsOneLinePerFile() throws Exception {
        Path xml = Files.createTempFile("initiate", ".xml");
        Files.writeString(xml, convert(fixture("chrome/audio-offer.sdp"), "sdp-to-jingle", "--sid", "b").out());
        Result r = jar("", "bench", "--seconds", "1", FIXTURES.resolve("chrome/audio-offer.sdp").toString(),
                xml.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2)
                .satisfiesExactly(
                        l -> assertThat(l).matches("case=audio-offer\\.sdp direction=sdp-to-jingle ops_per_s=\\d+"),
                        l -> assertThat(l).matches("case=initiate\\d*\\.xml direction=jingle-to-sdp ops_per_s=\\d+"));
    }

    @Test
    void benchOnOtherFile_exitsTwo() throws Exception {
        Result r = jar("", "bench", "--seconds", "1", "README.txt");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jingle-gateway bench: no such file: README.txt");
    }

    @Test
    void unknownMode_exitsTwo() throws Exception {
        Result r = convert("", "sdp-to-xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jingle-gateway convert: unknown mode \"sdp-to-xml\": expected"
                + " sdp-to-jingle, jingle-to-sdp, candidate-to-jingle or jingle-to-candidates");
    }
}
