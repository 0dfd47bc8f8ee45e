package org.jinglegateway.mapper.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jinglegateway.mapper.internal.Checks;

/**
 * One media section (RFC 8866 §5.14): {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} and the
 * lines under it, in order.
 *
 * @param media      {@code audio}, {@code video}, {@code application} or another token
 * @param port       0-65535 (0 rejects the section; 9 is WebRTC's placeholder)
 * @param portCount  the {@code /<number of ports>} suffix, when written
 * @param protocol   e.g. {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}
 * @param formats    payload types for RTP, {@code webrtc-datachannel} for SCTP
 * @param others     {@code i=} and {@code k=} lines
 * @param connection {@code c=}
 * @param bandwidths {@code b=} lines, in order
 * @param attributes {@code a=} lines, in order
 */
public record MediaDescription(String media, int port, OptionalInt portCount, String protocol, List<String> formats,
                               List<OtherLine> others, Optional<Connection> connection, List<Bandwidth> bandwidths,
                               List<Attribute> attributes) {
    public MediaDescription {
        Checks.token(media, "m= media");
        Checks.range(port, 0, 65535, "m= port");
        portCount.ifPresent(n -> Checks.range(n, 1, 65535, "m= number of ports"));
        Checks.field(protocol, "m= proto");
        formats = List.copyOf(formats);
        for (String f : formats) {
            Checks.field(f, "m= fmt");
        }
        others = List.copyOf(others);
        bandwidths = List.copyOf(bandwidths);
        attributes = List.copyOf(attributes);
    }

    /** A section with no lines under the m= line yet. */
    public static MediaDescription of(String media, int port, String protocol, List<String> formats) {
        return new MediaDescription(media, port, OptionalInt.empty(), protocol, formats, List.of(), Optional.empty(),
                List.of(), List.of());
    }

    public Optional<Attribute> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    public Optional<String> value(String name) {
        return Attributes.value(attributes, name);
    }

    public boolean has(String name) {
        return Attributes.has(attributes, name);
    }

    public <T> List<T> all(String name, Function<String, T> view) {
        return Attributes.all(attributes, name, view);
    }

    /** {@code a=mid} (RFC 8843 §15.2 / RFC 5888). */
    public Optional<String> mid() {
        return value("mid");
    }

    public MediaDescription withAttributes(List<Attribute> newAttributes) {
        return new MediaDescription(media, port, portCount, protocol, formats, others, connection, bandwidths,
                newAttributes);
    }

    public MediaDescription withConnection(Optional<Connection> newConnection) {
        return new MediaDescription(media, port, portCount, protocol, formats, others, newConnection, bandwidths,
                attributes);
    }

    public MediaDescription withBandwidths(List<Bandwidth> newBandwidths) {
        return new MediaDescription(media, port, portCount, protocol, formats, others, connection, newBandwidths,
                attributes);
    }
}
