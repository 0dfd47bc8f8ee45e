package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <content creator name disposition senders>} (XEP-0166 §7.3). A description or transport of another
 * namespace stays in {@code extra}.
 */
public record Content(Creator creator, String name, Optional<String> disposition, Optional<Senders> senders,
                      Optional<RtpDescription> description, Optional<IceUdpTransport> transport,
                      List<XmlAttribute> attributes, List<RawXml> extra) {
    public Content {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }

    /** A content with only its creator and name: add the rest with the {@code withX} copies. */
    public static Content of(Creator creator, String name) {
        return new Content(creator, name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), List.of());
    }

    public Content withCreator(Creator newCreator) {
        return new Content(newCreator, name, disposition, senders, description, transport, attributes, extra);
    }

    public Content withName(String newName) {
        return new Content(creator, newName, disposition, senders, description, transport, attributes, extra);
    }

    public Content withDisposition(Optional<String> newDisposition) {
        return new Content(creator, name, newDisposition, senders, description, transport, attributes, extra);
    }

    public Content withSenders(Optional<Senders> newSenders) {
        return new Content(creator, name, disposition, newSenders, description, transport, attributes, extra);
    }

    public Content withDescription(Optional<RtpDescription> newDescription) {
        return new Content(creator, name, disposition, senders, newDescription, transport, attributes, extra);
    }

    public Content withTransport(Optional<IceUdpTransport> newTransport) {
        return new Content(creator, name, disposition, senders, description, newTransport, attributes, extra);
    }

    public Content withAttributes(List<XmlAttribute> newAttributes) {
        return new Content(creator, name, disposition, senders, description, transport, newAttributes, extra);
    }

    public Content withExtra(List<RawXml> newExtra) {
        return new Content(creator, name, disposition, senders, description, transport, attributes, newExtra);
    }
}
