package org.jinglegateway.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The media check of the StanzaJS and SDK call tests: a page's inbound RTP bytes grew between the two samples a
 * script took ({@code {"before": {page: {"inbound": {"audio", "video"}}}, "after": ...}}, lib/softphone.mjs growth).
 */
final class MediaGrowth {
    /** Inbound audio bytes that prove audio flowed over the sample's interval. */
    static final long MIN_AUDIO = 1000;
    /** Inbound video bytes that prove video flowed over the sample's interval. */
    static final long MIN_VIDEO = 5000;

    private MediaGrowth() {
    }

    /** {@link #assertGrew} on each of these pages; a failure says when (e.g. "after the kill"). */
    static void assertGrewOn(JsonNode media, List<String> pages, boolean video, String when) {
        for (String page : pages) {
            try {
                assertGrew(media, page, video);
            } catch (AssertionError e) {
                throw new AssertionError(when + ": " + e.getMessage(), e);
            }
        }
    }

    /** The page's inbound audio (and video, when asked) grew by at least the minimum between the two samples. */
    static void assertGrew(JsonNode media, String page, boolean video) {
        JsonNode before = media.path("before").path(page).path("inbound");
        JsonNode after = media.path("after").path(page).path("inbound");
        assertThat(after.path("audio").asLong() - before.path("audio").asLong())
                .as("inbound audio bytes on the %s page (%s -> %s)", page, before, after)
                .isGreaterThanOrEqualTo(MIN_AUDIO);
        if (video) {
            assertThat(after.path("video").asLong() - before.path("video").asLong())
                    .as("inbound video bytes on the %s page (%s -> %s)", page, before, after)
                    .isGreaterThanOrEqualTo(MIN_VIDEO);
        }
    }
}
