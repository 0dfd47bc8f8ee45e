package org.jinglegateway.harness.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator sends, made once from the mapper's real-client fixtures (jingle-mapper/src/test/resources/
 * fixtures): Chromium's and Firefox's SDP and candidates for the WebSocket devices, Conversations' Jingle (modelled
 * from its code on Chromium's SDP, see that folder's SOURCES.md) for the c2s clients. Each payload is a template
 * with the per-call parts (recipient, stanza id, sid) left open, so a call costs a few string joins.
 */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SID = Pattern.compile("(<jingle\\b[^>]*?\\ssid=)([\"'])[^\"']*\\2");
    private static final Pattern UFRAG = Pattern.compile("ufrag=\"[^\"]*\" pwd=\"[^\"]*\"");

    /** One browser's offer, answer and first candidates, as JSON string literals ready to splice into frames. */
    record Browser(String name, String offerSdp, String answerSdp, String offerCandidate, String answerCandidate) {
    }

    /** A Jingle element cut at its sid: {@code head + sid + tail}. */
    record Jingle(String head, String tail) {
        String iq(String to, String id, String sid) {
            return "<iq type='set' to='" + attr(to) + "' id='" + id + "'>" + head + attr(sid) + tail + "</iq>";
        }
    }

    final Browser chrome;
    final Browser firefox;
    final Jingle initiate;
    final Jingle accept;
    /** A candidate of the initiator (its ufrag and pwd are the session-initiate's). */
    final Jingle initiatorCandidate;
    /** A candidate of the responder (its ufrag and pwd are the session-accept's). */
    final Jingle responderCandidate;
    final Jingle terminate;

    Payloads(Path fixtures) {
        chrome = browser(fixtures, "chrome");
        firefox = browser(fixtures, "firefox");
        Path c = fixtures.resolve("modelled/conversations");
        initiate = jingle(c.resolve("session-initiate-audio.xml"), null);
        accept = jingle(c.resolve("session-accept-audio.xml"), null);
        initiatorCandidate = jingle(c.resolve("transport-info-candidate-01.xml"), credentials(initiate));
        responderCandidate = jingle(c.resolve("transport-info-candidate-01.xml"), credentials(accept));
        terminate = jingle(c.resolve("session-terminate-success.xml"), null);
    }

    private static Browser browser(Path fixtures, String name) {
        Path dir = fixtures.resolve(name);
        return new Browser(name, literal(read(dir.resolve("audio-offer.sdp"))),
                literal(read(dir.resolve("audio-answer.sdp"))), firstCandidate(dir.resolve("audio-offer.candidates"
                        + ".json")), firstCandidate(dir.resolve("audio-answer.candidates.json")));
    }

    /** The fields of a candidate frame after {@code callId}: {@code ,"candidate":...,"usernameFragment":...}. */
    private static String firstCandidate(Path file) {
        try {
            JsonNode first = JSON.readTree(read(file)).get(0);
            String object = JSON.writeValueAsString(first);
            return "," + object.substring(1, object.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("bad candidates fixture " + file, e);
        }
    }

    private static String credentials(Jingle j) {
        Matcher m = UFRAG.matcher(j.head + j.tail);
        if (!m.find()) {
            throw new IllegalStateException("no ufrag and pwd in " + j.head + j.tail);
        }
        return m.group();
    }

    /** The {@code <jingle>} of a captured IQ, cut at its sid; candidates get these ICE credentials when given. */
    private static Jingle jingle(Path file, String credentials) {
        String iq = read(file);
        int start = iq.indexOf("<jingle");
        int end = iq.lastIndexOf("</jingle>");
        if (start < 0 || end < 0) {
            throw new IllegalStateException(file + " holds no <jingle>...</jingle>");
        }
        String jingle = iq.substring(start, end + "</jingle>".length());
        if (credentials != null) {
            jingle = UFRAG.matcher(jingle).replaceFirst(Matcher.quoteReplacement(credentials));
        }
        Matcher m = SID.matcher(jingle);
        if (!m.find()) {
            throw new IllegalStateException("no sid on <jingle> in " + file);
        }
        return new Jingle(jingle.substring(0, m.end(1)) + "\"", "\"" + jingle.substring(m.end()));
    }

    /** An XEP-0353 propose of audio (Conversations' shape) to a bare JID. */
    static String propose(String to, String id) {
        return "<message type='chat' to='" + attr(to) + "' id='jm-propose-" + attr(id) + "'><propose"
                + " xmlns='urn:xmpp:jingle-message:0' id='" + attr(id) + "'><description"
                + " xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose><request xmlns='urn:xmpp:receipts'/>"
                + "<store xmlns='urn:xmpp:hints'/></message>";
    }

    /** An XEP-0353 proceed to the proposing device. */
    static String proceed(String to, String id) {
        return "<message type='chat' to='" + attr(to) + "' id='jm-proceed-" + attr(id) + "'><proceed"
                + " xmlns='urn:xmpp:jingle-message:0' id='" + attr(id) + "'/><store xmlns='urn:xmpp:hints'/></message>";
    }

    /** An attribute value, escaped for either quote. */
    static String attr(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            String rep = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (sb != null) {
                sb.append(rep != null ? rep : String.valueOf(ch));
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** A JSON string literal (quotes included). */
    static String literal(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing fixture " + file.toAbsolutePath(), e);
        }
    }
}
