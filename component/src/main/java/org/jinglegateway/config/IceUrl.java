package org.jinglegateway.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One STUN or TURN server URL, {@code stun[s]:host[:port]} (RFC 7064) or
 * {@code turn[s]:host[:port][?transport=udp|tcp]} (RFC 7065): the one grammar that config validation, the browsers'
 * {@code iceServers} and XEP-0215 share.
 *
 * @param type      stun, stuns, turn or turns
 * @param host      the host name or address (an IPv6 address without its brackets)
 * @param port      the port, or the scheme's default (3478, 5349 for the secure ones)
 * @param transport udp or tcp (the secure schemes and STUN over TLS run on tcp)
 */
public record IceUrl(String type, String host, int port, String transport) {
    private static final Pattern URL = Pattern.compile("(stuns?|turns?):(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)"
            + "(?::([0-9]{1,5}))?(?:\\?transport=(udp|tcp))?");

    /** Parses a URL; anything else is an IllegalArgumentException saying what was expected. */
    public static IceUrl parse(String url) {
        Matcher m = url == null ? null : URL.matcher(url);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected stun:host[:port], stuns:..., turn:host[:port]"
                    + "[?transport=udp|tcp] or turns:... (RFC 7064, RFC 7065), found \"" + url + "\"");
        }
        String type = m.group(1);
        boolean secure = type.endsWith("s");
        if (type.startsWith("stun") && m.group(4) != null) {
            throw new IllegalArgumentException("a STUN URL has no ?transport (RFC 7064), found \"" + url + "\"");
        }
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : secure ? 5349 : 3478;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, found \"" + url + "\"");
        }
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        String transport = m.group(4) != null ? m.group(4) : secure ? "tcp" : "udp";
        return new IceUrl(type, host, port, transport);
    }
}
