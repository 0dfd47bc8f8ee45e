package org.jinglegateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void countsWhatTheEncoderWrites() {
        String text = "a\u0000\u00e9\u20ac\ud83d\ude00\u0007" + "x".repeat(10_000);

        assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aLoneSurrogateCountsAsAReplacementCharacter() {
        assertThat(Utf8.length("\ud83d")).isEqualTo(3);
        assertThat(Utf8.length("\ude00a")).isEqualTo(4);
    }
}
