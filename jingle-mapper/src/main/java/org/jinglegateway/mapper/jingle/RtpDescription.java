package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code <description xmlns='urn:xmpp:jingle:apps:rtp:1' media ssrc>} (XEP-0167 §5): payload types, bandwidth,
 * rtcp-mux; description-level rtcp-fb (XEP-0293), header extensions (XEP-0294), sources and groups (XEP-0339).
 * {@code extra} keeps the rest (SDES {@code <encryption>}, msid {@code <stream>}, ...) in order.
 */
public record RtpDescription(String media, Optional<String> ssrc, List<PayloadType> payloadTypes,
                             List<Bandwidth> bandwidths, boolean rtcpMux, List<RtcpFeedback> feedback,
                             OptionalInt trrInt, List<HeaderExtension> headerExtensions, boolean extmapAllowMixed,
                             List<Source> sources, List<SourceGroup> sourceGroups, List<XmlAttribute> attributes,
                             List<RawXml> extra) {
    public RtpDescription {
        Objects.requireNonNull(media, "media");
        payloadTypes = List.copyOf(payloadTypes);
        bandwidths = List.copyOf(bandwidths);
        feedback = List.copyOf(feedback);
        headerExtensions = List.copyOf(headerExtensions);
        sources = List.copyOf(sources);
        sourceGroups = List.copyOf(sourceGroups);
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }
}
