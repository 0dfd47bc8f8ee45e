package org.jinglegateway.mapper.candidate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.translate.CandidateInit;
import org.jinglegateway.mapper.translate.CandidateTranslator;
import org.jinglegateway.mapper.translate.TranslationException;
import org.junit.jupiter.api.Test;

/**
 * Characters XML 1.0 forbids are refused where a trickled RTCIceCandidateInit enters the mapper: in the candidate
 * string (with the field and the index), in sdpMid and in usernameFragment, so none reaches a {@code <candidate/>}.
 */
final class CandidateXmlCharactersTest {
    private static final String GOOD = "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0";

    @Test
    void controlCharacterInCandidateAddress_isRefusedNamingFieldAndIndex() {
        assertThatThrownBy(() -> CandidateParser.parseInitString("candidate:1 1 udp 2 192.0.2.1\u0001 9 typ host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate address contains U+0001 at index 29, which XML 1.0 forbids");
    }

    @Test
    void nonCharacterInCandidateExtensionValue_isRefusedNamingTheExtension() {
        assertThatThrownBy(() -> CandidateParser.parseInitString(GOOD + " ufrag ab\uffff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate ufrag contains U+FFFF at index 75, which XML 1.0 forbids");
    }

    @Test
    void loneSurrogateInFoundation_isRefused() {
        assertThatThrownBy(() -> CandidateParser.parseInitString("candidate:\ud800 1 udp 2 192.0.2.1 9 typ host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate foundation contains a lone surrogate U+D800 at index 10, which XML 1.0"
                        + " forbids");
    }

    @Test
    void controlCharacterInCandidateInit_isATranslationException() {
        CandidateInit init = new CandidateInit("candidate:1 1 udp 2 192.0.2.1 9 typ h\u0006ost", Optional.of("0"),
                OptionalInt.of(0), Optional.empty());
        assertThatThrownBy(() -> CandidateTranslator.toTransportInfo(init, "sid", Creator.INITIATOR, "c1"))
                .isInstanceOf(TranslationException.class)
                .hasMessage("candidate for mid \"0\": candidate type contains U+0006 at index 37, which XML 1.0"
                        + " forbids");
    }

    @Test
    void controlCharacterInSdpMid_isRefused() {
        CandidateInit init = new CandidateInit(GOOD, Optional.of("0\u0001"), OptionalInt.of(0), Optional.empty());
        assertThatThrownBy(() -> CandidateTranslator.toTransportInfo(init, "sid", Creator.INITIATOR, "c1"))
                .isInstanceOf(TranslationException.class)
                .hasMessage("candidate: sdpMid contains U+0001 at index 1, which XML 1.0 forbids");
    }

    @Test
    void nonCharacterInUsernameFragment_isRefused() {
        CandidateInit init = new CandidateInit(GOOD, Optional.of("0"), OptionalInt.of(0), Optional.of("ab\ufffe"));
        assertThatThrownBy(() -> CandidateTranslator.toTransportInfo(init, "sid", Creator.INITIATOR, "c1"))
                .isInstanceOf(TranslationException.class)
                .hasMessage("candidate: usernameFragment contains U+FFFE at index 2, which XML 1.0 forbids");
    }
}
