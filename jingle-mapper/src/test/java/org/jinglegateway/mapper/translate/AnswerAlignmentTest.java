package org.jinglegateway.mapper.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinglegateway.mapper.Parsed;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

final class AnswerAlignmentTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void acceptWithoutTheDataContent_rejectsThatMlineWithPortZeroInTheOffersPlace() throws IOException {
        SessionDescription offer = sdp("chrome/audio-video-data-offer.sdp");
        SessionDescription answer = sdp("chrome/audio-video-answer.sdp");

        Parsed<SessionDescription> aligned = AnswerAlignment.toOffer(answer, offer);

        String text = SdpWriter.write(aligned.value());
        assertThat(aligned.value().media()).hasSize(3);
        assertThat(text).contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
                + "a=mid:2\r\n");
        assertThat(text).contains("a=group:BUNDLE 0 1\r\n").doesNotContain("BUNDLE 0 1 2");
        assertThat(aligned.notes()).singleElement().asString().contains("rejected with port 0 (RFC 3264 §6)");
    }

    @Test
    void completeAnswer_isUnchanged() throws IOException {
        SessionDescription offer = sdp("chrome/audio-video-offer.sdp");
        SessionDescription answer = sdp("chrome/audio-video-answer.sdp");

        Parsed<SessionDescription> aligned = AnswerAlignment.toOffer(answer, offer);

        assertThat(SdpWriter.write(aligned.value())).isEqualTo(SdpWriter.write(answer));
        assertThat(aligned.notes()).isEmpty();
    }

    private static SessionDescription sdp(String name) throws IOException {
        return SdpParser.parse(Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8)).value();
    }
}
