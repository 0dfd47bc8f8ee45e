package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code <sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number protocol streams/>} in the ICE-UDP
 * transport: a WebRTC data channel in the XEP-0343 draft form that Jicofo and StanzaJS use, with RFC 8841's
 * {@code max-message-size} as an extra attribute so that it survives the trip.
 *
 * @param number         the SCTP port (RFC 8841 §5 {@code a=sctp-port})
 * @param protocol       {@code webrtc-datachannel}, when written
 * @param streams        the number of streams, when written (meaningless to WebRTC)
 * @param maxMessageSize RFC 8841 §6 {@code a=max-message-size}, when written
 * @param attributes     any other attribute, in order
 */
public record SctpMap(int number, Optional<String> protocol, OptionalInt streams, Optional<String> maxMessageSize,
                      List<XmlAttribute> attributes) {
    public SctpMap {
        Checks.range(number, 0, 65535, "sctpmap number");
        protocol.ifPresent(p -> Checks.field(p, "sctpmap protocol"));
        streams.ifPresent(s -> Checks.range(s, 0, 65535, "sctpmap streams"));
        maxMessageSize.ifPresent(m -> Checks.field(m, "max-message-size"));
        attributes = List.copyOf(attributes);
    }

    /** What we write to Jingle peers: the port, {@code webrtc-datachannel}, 1024 streams (as Jicofo does). */
    public static SctpMap of(int number, Optional<String> maxMessageSize) {
        return new SctpMap(number, Optional.of("webrtc-datachannel"), OptionalInt.of(1024), maxMessageSize,
                List.of());
    }
}
