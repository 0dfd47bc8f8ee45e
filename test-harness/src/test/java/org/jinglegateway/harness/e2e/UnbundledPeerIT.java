package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jinglegateway.harness.Await;
import org.jinglegateway.harness.NodeScript;
import org.jinglegateway.mapper.candidate.CandidateTransport;
import org.jinglegateway.mapper.candidate.CandidateType;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Fingerprint;
import org.jinglegateway.mapper.jingle.IceUdpTransport;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleAction;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.jingle.RtpDescription;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.AnswerAlignment;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser's BUNDLE offer (audio, video and a data channel, as the softphone makes it) reaches a peer that does not
 * bundle (Dino: no XEP-0338 group, one ICE-UDP transport per content with its own ufrag, pwd and fingerprint), and
 * that peer's answer, translated by the mapper, is taken by real Chromium and Firefox (test-harness/js/
 * unbundled-answer.mjs). With bundlePolicy balanced both end with one transport per m-line; with max-bundle they
 * refuse the answer, in their words, which docs/calls.md quotes. The peer's session-accept is modelled on Dino's
 * (docs/calls.md#unbundled-peers); everything else is the browsers' own. No traffic leaves the machine: no ICE
 * servers, and the peer's candidates are 127.0.0.1.
 */
final class UnbundledPeerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIREFOX = Path.of(System.getenv().getOrDefault("FIREFOX_PATH", "/usr/bin/firefox-esr"));

    @TempDir
    Path dir;

    @BeforeAll
    static void browsers() {
        NodeScript.requireModules("playwright-core", "puppeteer-core");
        NodeScript.requireExecutable(FIREFOX, "Firefox ESR", "FIREFOX_PATH");
    }

    @Test
    void chromiumBalanced_takesTheUnbundledAnswer_oneTransportPerMline() throws Exception {
        assertUnbundled(run("chromium", "balanced"));
    }

    @Test
    void firefoxBalanced_takesTheUnbundledAnswer_oneTransportPerMline() throws Exception {
        assertUnbundled(run("firefox", "balanced"));
    }

    @Test
    void chromiumMaxBundle_refusesTheUnbundledAnswer() throws Exception {
        Run run = run("chromium", "max-bundle");
        JsonNode r = run.result;
        assertThat(r.path("ok").asBoolean()).as("Chromium with max-bundle: %s", r).isFalse();
        assertThat(r.path("step").asText()).isEqualTo("setRemoteDescription");
        assertThat(r.path("error").asText()).contains("Answer cannot remove m= section with mid='0' from"
                + " already-established BUNDLE group");
    }

    /**
     * Firefox takes the answer but keeps its one transport: video would go to the peer's audio transport. Its offer
     * says max-bundle with a=bundle-only, which is how the gateway tells and refuses such a call (docs/calls.md).
     */
    @Test
    void firefoxMaxBundle_takesTheAnswerButKeepsOneTransport_itsOfferSaysBundleOnly() throws Exception {
        Run run = run("firefox", "max-bundle");
        JsonNode r = run.result;
        assertThat(r.path("ok").asBoolean()).as("Firefox with max-bundle: %s", r).isTrue();
        assertThat(r.path("distinctTransports").asBoolean()).as("one transport for all: %s", r).isFalse();
        assertThat(r.path("localMidsWithCandidates")).extracting(JsonNode::asText).containsExactly("0");
        assertThat(run.offer.media().subList(1, run.offer.media().size()))
                .allMatch(m -> m.has("bundle-only"));
    }

    private record Run(JsonNode result, SessionDescription offer, Jingle initiate, List<Jingle> browserTrickle) {
    }

    private static void assertUnbundled(Run run) {
        JsonNode r = run.result;
        assertThat(r.path("ok").asBoolean()).as("the browser took the answer: %s", r).isTrue();
        assertThat(r.path("signalingState").asText()).isEqualTo("stable");
        assertThat(r.path("remoteGroup").isNull()).as("the answer has no BUNDLE group: %s", r).isTrue();
        assertThat(r.path("remoteByMid").path("0").path("ufrag").asText()).isEqualTo("dinoA0");
        assertThat(r.path("remoteByMid").path("1").path("ufrag").asText()).isEqualTo("dinoA1");
        assertThat(r.path("remoteByMid").path("2").path("port").asInt()).as("the data m-line, which the peer"
                + " left out, is rejected").isZero();
        // each accepted m-line has its own DTLS transport (RFC 8843 §7.3.2: no BUNDLE in the answer)
        assertThat(r.path("transports").size()).as("transports by mid: %s", r).isEqualTo(2);
        assertThat(r.path("distinctTransports").asBoolean()).as("one transport per m-line: %s", r).isTrue();
        assertThat(r.path("addedCandidates")).extracting(JsonNode::asText).containsExactly("0", "1");
        // the browser gathered for each m-line, and each candidate goes to the peer in its own content
        assertThat(r.path("localMidsWithCandidates")).extracting(JsonNode::asText).contains("0", "1");
        Map<String, Integer> perContent = new HashMap<>();
        for (Jingle info : run.browserTrickle) {
            Content c = info.contents().get(0);
            perContent.merge(c.name(), 1, Integer::sum);
            assertThat(c.transport().orElseThrow().ufrag()).as("the m-line's ufrag rides with its candidate")
                    .isPresent();
        }
        assertThat(perContent).containsKeys("0", "1");
        assertThat(run.initiate.contents()).extracting(Content::name).containsExactly("0", "1", "2");
    }

    private Run run(String browser, String policy) throws Exception {
        String name = browser + "-" + policy;
        CompletableFuture<NodeScript.Result> script = CompletableFuture.supplyAsync(() -> {
            try {
                return NodeScript.run(TIMEOUT, "unbundled-answer.mjs", "--browser", browser, "--policy", policy,
                        "--dir", dir.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path offerFile = dir.resolve(name + ".offer.sdp");
        // the script writes each file whole (renamed into place), the offer last
        Await.until(TIMEOUT, "the browser's offer in " + offerFile, () -> Files.exists(offerFile) || script.isDone());
        assertThat(offerFile).as("the browser's offer (script: %s)", script.isDone() ? script.get().describe()
                : "running").exists();
        SessionDescription offer = SdpParser.parse(Files.readString(offerFile)).value();
        // what the gateway sends the peer: the offer as a session-initiate, and each trickled candidate
        Jingle initiate = JingleReader.read(JingleWriter.toXml(SdpToJingle.translate(offer,
                SdpToJingle.Request.offer("s1")).value()));
        List<Jingle> trickle = new ArrayList<>();
        JsonNode local = JSON.readTree(dir.resolve(name + ".offer-candidates.json").toFile());
        for (JsonNode c : local) {
            CandidateInit init = new CandidateInit(c.get("candidate").asText(), Optional.of(c.get("sdpMid").asText()),
                    OptionalInt.of(c.get("sdpMLineIndex").asInt()), Optional.ofNullable(c.path("usernameFragment")
                    .textValue()));
            CandidateTranslator.toTransportInfo(init, "s1", Creator.INITIATOR, "c" + trickle.size())
                    .ifPresent(p -> trickle.add(p.value()));
        }
        // the peer answers as Dino does; the gateway translates its answer for the browser
        Jingle accept = dinoAccept(initiate);
        SessionDescription answer = AnswerAlignment.toOffer(JingleToSdp.translate(accept, Role.RESPONDER).value(),
                offer).value();
        StringBuilder candidates = new StringBuilder("[");
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < offer.media().size(); i++) {
            indexes.put(offer.media().get(i).mid().orElseThrow(), i);
        }
        for (int i = 0; i < accept.contents().size(); i++) {
            Content c = accept.contents().get(i);
            Jingle info = Jingle.of(JingleAction.TRANSPORT_INFO, "s1").withContents(List.of(c.withDescription(
                    Optional.empty()).withTransport(Optional.of(IceUdpTransport.empty().withIce(
                    c.transport().get().ufrag(), Optional.empty(), List.of(candidate(i, 41000 + i)))))));
            for (CandidateInit init : CandidateTranslator.fromTransportInfo(info, indexes)) {
                candidates.append(candidates.length() > 1 ? "," : "").append(JSON.writeValueAsString(Map.of(
                        "candidate", init.candidate(), "sdpMid", init.sdpMid().orElseThrow(), "sdpMLineIndex",
                        init.sdpMLineIndex().orElseThrow())));
            }
        }
        writeWhole(dir.resolve(name + ".answer-candidates.json"), candidates.append(']').toString());
        writeWhole(dir.resolve(name + ".answer.sdp"), SdpWriter.write(answer));
        NodeScript.Result done = script.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(done.exit()).as("unbundled-answer.mjs: %s", done.describe()).isZero();
        List<JsonNode> results = done.json("result");
        assertThat(results).as("result line: %s", done.describe()).hasSize(1);
        // CHECKSTYLE.OFF: RegexpSinglelineJava
        System.out.println("[unbundled] " + name + " " + results.get(0));
        // CHECKSTYLE.ON: RegexpSinglelineJava
        return new Run(results.get(0), offer, initiate, trickle);
    }

    /** Writes a file under a temporary name and renames it into place: the script waiting for it reads it whole. */
    private static void writeWhole(Path target, String text) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.writeString(part, text);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Dino's session-accept, modelled (Dino 0.4.2 answers audio and video, no data channel): the offered payload
     * types, no group, no sources, and per content its own ufrag, pwd, DTLS fingerprint and one host candidate.
     */
    private static Jingle dinoAccept(Jingle initiate) {
        List<Content> contents = new ArrayList<>();
        int i = 0;
        for (Content c : initiate.contents()) {
            RtpDescription d = c.description().orElseThrow();
            if (d.payloadTypes().isEmpty()) {
                continue;
            }
            IceUdpTransport t = IceUdpTransport.empty().withIce(Optional.of("dinoA" + i),
                    Optional.of("dinoPasswordForContent" + i), List.of(candidate(i, 40000 + i)))
                    .withFingerprints(List.of(new Fingerprint("sha-256", Optional.of("active"), fingerprint(i),
                            Optional.empty(), List.of())));
            contents.add(Content.of(Creator.INITIATOR, c.name()).withDescription(Optional.of(
                    d.withSources(List.of()).withSsrc(Optional.empty()))).withTransport(Optional.of(t)));
            i++;
        }
        return Jingle.of(JingleAction.SESSION_ACCEPT, initiate.sid()).withContents(contents);
    }

    private static IceCandidate candidate(int content, int port) {
        return IceCandidate.of(String.valueOf(content + 1), 1, CandidateTransport.of("udp"), 2013266431L,
                "127.0.0.1", port, CandidateType.of("host"));
    }

    private static String fingerprint(int content) {
        StringBuilder f = new StringBuilder();
        for (int b = 0; b < 32; b++) {
            f.append(b == 0 ? "" : ":").append(String.format("%02X", (b * 7 + content * 31) & 0xFF));
        }
        return f.toString();
    }
}
