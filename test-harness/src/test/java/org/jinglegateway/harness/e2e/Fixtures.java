package org.jinglegateway.harness.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mapper's client fixtures (captured, or modelled under modelled/), adapted (sid, content name, mid) for a scenario on the real servers. */
public final class Fixtures {
    private static final Path ROOT = Path.of("../jingle-mapper/src/test/resources/fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SID = Pattern.compile("(<jingle\\b[^>]*?\\ssid=)([\"'])[^\"']*\\2");

    private Fixtures() {
    }

    /** A fixture's text, e.g. {@code chrome/audio-offer.sdp}. */
    public static String read(String name) {
        try {
            return Files.readString(ROOT.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing fixture " + ROOT.resolve(name).toAbsolutePath(), e);
        }
    }

    /** The {@code <jingle>} element of a fixture's {@code <iq>}, with the sid replaced. */
    public static String jingle(String name, String sid) {
        String iq = read(name);
        int start = iq.indexOf("<jingle");
        int end = iq.lastIndexOf("</jingle>");
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException(name + " holds no <jingle>...</jingle>");
        }
        return withSid(iq.substring(start, end + "</jingle>".length()), sid);
    }

    static String withSid(String jingle, String sid) {
        Matcher m = SID.matcher(jingle);
        if (!m.find()) {
            throw new IllegalArgumentException("no sid attribute on <jingle> in " + jingle);
        }
        return m.replaceFirst("$1\"" + Matcher.quoteReplacement(sid) + "\"");
    }

    /** Renames a content everywhere it is named: {@code <content name>} in contents and in the BUNDLE group. */
    static String withContentName(String jingle, String from, String to) {
        return jingle.replaceAll("(<content\\b[^>]*?\\sname=)([\"'])" + Pattern.quote(from) + "\\2",
                "$1\"" + Matcher.quoteReplacement(to) + "\"");
    }

    /** A one-m-line SDP whose {@code a=mid} (and BUNDLE group) becomes this mid. */
    public static String withMid(String sdp, String mid) {
        Matcher m = Pattern.compile("(?m)^a=mid:(\\S+)\r?$").matcher(sdp);
        if (!m.find()) {
            throw new IllegalArgumentException("no a=mid in\n" + sdp);
        }
        String old = m.group(1);
        return sdp.replace("a=mid:" + old + "\r", "a=mid:" + mid + "\r")
                .replace("a=group:BUNDLE " + old + "\r", "a=group:BUNDLE " + mid + "\r");
    }

    /** An SDP with new ICE credentials on every m-line (as a browser's restart offer or answer has). */
    static String withIce(String sdp, String ufrag, String pwd) {
        return sdp.replaceAll("(?m)^a=ice-ufrag:\\S+\r?$", Matcher.quoteReplacement("a=ice-ufrag:" + ufrag + "\r"))
                .replaceAll("(?m)^a=ice-pwd:\\S+\r?$", Matcher.quoteReplacement("a=ice-pwd:" + pwd + "\r"));
    }

    /** The first {@code a=mid} value of an SDP. */
    public static String firstMid(String sdp) {
        Matcher m = Pattern.compile("(?m)^a=mid:(\\S+)\r?$").matcher(sdp);
        if (!m.find()) {
            throw new AssertionError("the SDP has no a=mid line:\n" + sdp);
        }
        return m.group(1);
    }

    /** The n-th RTCIceCandidateInit of a {@code .candidates.json} fixture, as a {@code candidate} frame. */
    static Map<String, Object> candidateFrame(String name, int index, String callId, String sdpMid) {
        try {
            JsonNode c = JSON.readTree(read(name)).get(index);
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "candidate");
            frame.put("callId", callId);
            frame.put("candidate", c.get("candidate").asText());
            frame.put("sdpMid", sdpMid);
            frame.put("sdpMLineIndex", c.get("sdpMLineIndex").asInt());
            frame.put("usernameFragment", c.get("usernameFragment").asText());
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
