package org.jinglegateway.mapper.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jinglegateway.mapper.Fixtures;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every trickled candidate and every a=candidate line from real browsers reads and writes back unchanged. */
final class CandidateFixtureTest {
    private static final Pattern CANDIDATE = Pattern.compile("\"candidate\":\\s*\"([^\"]*)\"");

    static List<String> candidateFiles() {
        return Fixtures.named(".candidates.json");
    }

    static List<String> sdpFiles() {
        return Fixtures.named(".sdp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidateFiles")
    void trickledCandidates_writeBackUnchanged(String name) {
        List<String> strings = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(Fixtures.read(name));
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                strings.add(m.group(1));
            }
        }
        assertThat(strings).as("candidates in " + name).isNotEmpty();
        for (String s : strings) {
            assertThat(CandidateWriter.initString(CandidateParser.parseInitString(s))).isEqualTo(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdpFiles")
    void candidateLines_writeBackUnchanged(String name) {
        SdpParser.parse(Fixtures.read(name)).value().media().forEach(media ->
                media.all("candidate", v -> v).forEach(v ->
                        assertThat(CandidateWriter.attributeValue(CandidateParser.parseAttributeValue(v)))
                                .isEqualTo(v)));
    }
}
