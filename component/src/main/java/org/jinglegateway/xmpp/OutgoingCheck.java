package org.jinglegateway.xmpp;

import org.dom4j.Element;
import org.jinglegateway.mapper.XmlChars;
import org.xmpp.packet.Packet;

/**
 * Checks a serialized outgoing stanza once, in one pass, before it is written: its UTF-8 size against the limit, and
 * every character (written raw or as a numeric character reference) against XML 1.0's Char production (§2.2):
 * {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}.
 */
final class OutgoingCheck {
    private OutgoingCheck() {
    }

    /**
     * Returns the stanza's size in UTF-8 bytes.
     *
     * @throws UnsendableStanzaException when the server would refuse the stanza
     */
    static long check(String xml, Packet packet, int maxBytes) {
        long bytes = 0;
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (c >= ' ' && c < 0x7F && c != '&') {
                // most of a stanza: printable ASCII, allowed, one byte
                bytes++;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < xml.length() && Character.isLowSurrogate(xml.charAt(i + 1))) {
                bytes += 4;
                i++;
                continue;
            }
            if (!XmlChars.allowed(c)) {
                throw forbidden(packet, c, i);
            }
            if (c == '&' && i + 2 < xml.length() && xml.charAt(i + 1) == '#') {
                int end = xml.indexOf(';', i);
                int code = end < 0 ? -1 : reference(xml.substring(i + 2, end));
                if (!XmlChars.allowed(code)) {
                    throw forbidden(packet, code, i);
                }
            }
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (bytes > maxBytes) {
            String kind = kind(packet);
            throw new UnsendableStanzaException(UnsendableStanzaException.Problem.TOO_LARGE, kind, kind + " is "
                    + bytes + " bytes, more than xmpp.max-outgoing-bytes (" + maxBytes
                    + ") lets through to the XMPP server: not sent");
        }
        return bytes;
    }

    private static int reference(String digits) {
        try {
            return digits.startsWith("x") ? Integer.parseInt(digits.substring(1), 16) : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static UnsendableStanzaException forbidden(Packet packet, int c, int index) {
        String kind = kind(packet);
        String what = c < 0 ? "a malformed character reference"
                : (c >= 0xD800 && c <= 0xDFFF ? "" : "the character ") + XmlChars.name(c);
        return new UnsendableStanzaException(UnsendableStanzaException.Problem.FORBIDDEN_CHARACTER, kind, kind
                + " holds " + what + " at character " + index + ", which XML 1.0 forbids: not sent");
    }

    /** {@code iq set jingle (urn:xmpp:jingle:1)}: element, type and first child, never content. */
    static String kind(Packet packet) {
        Element root = packet.getElement();
        StringBuilder kind = new StringBuilder(root.getName());
        String type = root.attributeValue("type");
        if (type != null && !type.isEmpty()) {
            kind.append(' ').append(type);
        }
        if (!root.elements().isEmpty()) {
            Element child = root.elements().get(0);
            kind.append(' ').append(child.getName());
            if (!child.getNamespaceURI().isEmpty()) {
                kind.append(" (").append(child.getNamespaceURI()).append(')');
            }
        }
        return kind.toString();
    }
}
