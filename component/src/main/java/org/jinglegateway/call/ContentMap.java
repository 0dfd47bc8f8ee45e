package org.jinglegateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.jingle.Content;
import org.jinglegateway.mapper.jingle.Creator;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.sdp.MediaDescription;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.CandidateInit;

/**
 * A call's Jingle content names against the browser's mids and m-line indexes (XEP-0166 §7.3, RFC 8843 §5), and
 * each content's creator, which transport-info repeats. Lane-confined, like the {@link Call} that owns it.
 */
final class ContentMap {
    private final Map<String, String> contentToMid = new HashMap<>();
    private final Map<String, String> midToContent = new HashMap<>();
    private final Map<String, Integer> contentIndex = new HashMap<>();
    private final Map<String, Creator> contentCreator = new HashMap<>();
    /** Contents of the browser's offer that the peer was not sent (a data channel to a peer without XEP-0343). */
    private final java.util.Set<String> withheld = new java.util.HashSet<>();

    /** Learns the mapping: a content pairs with the m-line whose mid is its name, else by order. */
    void learn(Jingle jingle, SessionDescription sdp) {
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < jingle.contents().size(); i++) {
            Content c = jingle.contents().get(i);
            contentCreator.put(c.name(), c.creator());
            int index = -1;
            for (int m = 0; m < media.size(); m++) {
                if (media.get(m).mid().map(c.name()::equals).orElse(false)) {
                    index = m;
                }
            }
            if (index < 0 && i < media.size()) {
                index = i;
            }
            if (index >= 0) {
                String mid = media.get(index).mid().orElse(String.valueOf(index));
                contentToMid.put(c.name(), mid);
                midToContent.put(mid, c.name());
                contentIndex.put(c.name(), index);
            }
        }
    }

    /** Writes the mapping into {@code out} (a call's snapshot for another instance). */
    void writeTo(ObjectNode out) {
        ObjectNode mids = out.putObject("mids");
        contentToMid.forEach(mids::put);
        ObjectNode indexes = out.putObject("indexes");
        contentIndex.forEach(indexes::put);
        ObjectNode creators = out.putObject("creators");
        contentCreator.forEach((c, creator) -> creators.put(c, creator.name()));
        ArrayNode w = out.putArray("withheld");
        withheld.forEach(w::add);
    }

    /** Reads what {@link #writeTo} wrote. */
    void readFrom(JsonNode in) {
        in.path("mids").fields().forEachRemaining(e -> {
            contentToMid.put(e.getKey(), e.getValue().asText());
            midToContent.put(e.getValue().asText(), e.getKey());
        });
        in.path("indexes").fields().forEachRemaining(e -> contentIndex.put(e.getKey(), e.getValue().asInt()));
        in.path("creators").fields().forEachRemaining(e -> contentCreator.put(e.getKey(),
                Creator.valueOf(e.getValue().asText())));
        in.path("withheld").forEach(w -> withheld.add(w.asText()));
    }

    /** Content name to mid, read-only. */
    Map<String, String> toMid() {
        return Collections.unmodifiableMap(contentToMid);
    }

    /** Mid to content name, read-only. */
    Map<String, String> toContent() {
        return Collections.unmodifiableMap(midToContent);
    }

    /** Content name to m-line index, read-only. */
    Map<String, Integer> indexes() {
        return Collections.unmodifiableMap(contentIndex);
    }

    /** The mid of a content; the name itself when the content is unknown. */
    String midOf(String content) {
        return contentToMid.getOrDefault(content, content);
    }

    /** The peer was not sent this content: the browser's candidates for it stay here. */
    void withhold(String content) {
        withheld.add(content);
    }

    boolean withheld(String content) {
        return withheld.contains(content);
    }

    boolean has(String content) {
        return contentToMid.containsKey(content);
    }

    Creator creatorOf(String content) {
        return contentCreator.getOrDefault(content, Creator.INITIATOR);
    }

    /** The browser's candidate with its sdpMid turned into our content name. */
    CandidateInit towardsPeer(CandidateInit c) {
        String mid = c.sdpMid().orElseGet(() -> midAt(c.sdpMLineIndex()));
        if (mid == null) {
            throw new CallException(ErrorCode.BAD_CANDIDATE, "the candidate has neither sdpMid nor a known"
                    + " sdpMLineIndex");
        }
        String content = midToContent.get(mid);
        if (content == null) {
            throw new CallException(ErrorCode.BAD_CANDIDATE, "sdpMid \"" + mid + "\" is not a media section of this"
                    + " call (known: " + String.join(", ", midToContent.keySet().stream().sorted().toList()) + ")");
        }
        return new CandidateInit(c.candidate(), Optional.of(content), c.sdpMLineIndex(), c.usernameFragment());
    }

    /** A peer's candidate with its content name turned into the browser's mid and m-line index. */
    CandidateInit towardsBrowser(CandidateInit c) {
        String content = c.sdpMid().orElse("");
        String mid = contentToMid.getOrDefault(content, content);
        Integer index = contentIndex.get(content);
        return new CandidateInit(c.candidate(), Optional.of(mid),
                index == null ? OptionalInt.empty() : OptionalInt.of(index), c.usernameFragment());
    }

    private String midAt(OptionalInt index) {
        if (index.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Integer> e : contentIndex.entrySet()) {
            if (e.getValue() == index.getAsInt()) {
                return contentToMid.get(e.getKey());
            }
        }
        return null;
    }
}
