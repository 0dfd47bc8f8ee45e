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
}
