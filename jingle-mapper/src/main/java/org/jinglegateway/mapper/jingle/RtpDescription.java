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

    /** A description of this media with nothing in it: what a data channel has (RFC 8841). */
    public static RtpDescription of(String media) {
        return new RtpDescription(media, Optional.empty(), List.of(), List.of(), false, List.of(), OptionalInt.empty(),
                List.of(), false, List.of(), List.of(), List.of(), List.of());
    }

    public RtpDescription withSsrc(Optional<String> newSsrc) {
        return new RtpDescription(media, newSsrc, payloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, sources, sourceGroups, attributes, extra);
    }

    public RtpDescription withPayloadTypes(List<PayloadType> newPayloadTypes) {
        return new RtpDescription(media, ssrc, newPayloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, sources, sourceGroups, attributes, extra);
    }

    public RtpDescription withSources(List<Source> newSources) {
        return new RtpDescription(media, ssrc, payloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, newSources, sourceGroups, attributes, extra);
    }

    public RtpDescription withAttributes(List<XmlAttribute> newAttributes) {
        return new RtpDescription(media, ssrc, payloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, sources, sourceGroups, newAttributes, extra);
    }

    public RtpDescription withExtra(List<RawXml> newExtra) {
        return new RtpDescription(media, ssrc, payloadTypes, bandwidths, rtcpMux, feedback, trrInt,
                headerExtensions, extmapAllowMixed, sources, sourceGroups, attributes, newExtra);
    }
}
