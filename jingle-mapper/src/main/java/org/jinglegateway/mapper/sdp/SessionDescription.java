package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jinglegateway.mapper.internal.Checks;

/**
 * A whole SDP (RFC 8866 §5): the session lines and the media sections, each in the order they were read or built.
 *
 * @param version     {@code v=}, always 0
 * @param origin      {@code o=}
 * @param sessionName {@code s=} (WebRTC writes {@code -})
 * @param others      {@code i= u= e= p= r= z= k=} lines, in order
 * @param connection  session-level {@code c=}
 * @param bandwidths  session-level {@code b=}
 * @param timings     {@code t=} lines (at least one)
 * @param attributes  session-level {@code a=} lines, in order
 * @param media       the media sections
 */
public record SessionDescription(int version, Origin origin, String sessionName, List<OtherLine> others,
                                 Optional<Connection> connection, List<Bandwidth> bandwidths, List<Timing> timings,
                                 List<Attribute> attributes, List<MediaDescription> media) {
    public SessionDescription {
        Checks.range(version, 0, 0, "v=");
        Checks.lineSafe(sessionName, "s=");
        others = List.copyOf(others);
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("an SDP needs at least one t= line");
        }
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public static Builder builder(Origin origin) {
        return new Builder(origin);
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

    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return new SessionDescription(version, origin, sessionName, others, connection, bandwidths, timings,
                attributes, newMedia);
    }

    public SessionDescription withAttributes(List<Attribute> newAttributes) {
        return new SessionDescription(version, origin, sessionName, others, connection, bandwidths, timings,
                newAttributes, media);
    }

    /** Builds a description line by line, for the translation and for tests. */
    public static final class Builder {
        private final Origin origin;
        private String sessionName = "-";
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private Optional<Connection> connection = Optional.empty();
        private final List<Bandwidth> bandwidths = new ArrayList<>();

        private Builder(Origin origin) {
            this.origin = origin;
        }

        public Builder sessionName(String name) {
            this.sessionName = name;
            return this;
        }

        public Builder connection(Connection c) {
            this.connection = Optional.of(c);
            return this;
        }

        public Builder bandwidth(Bandwidth b) {
            bandwidths.add(b);
            return this;
        }

        public Builder attribute(Attribute a) {
            attributes.add(a);
            return this;
        }

        public Builder media(MediaDescription m) {
            media.add(m);
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(0, origin, sessionName, List.of(), connection, bandwidths,
                    List.of(Timing.PERMANENT), attributes, media);
        }
    }
}
