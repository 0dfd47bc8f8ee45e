package org.jinglegateway.mapper.jingle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code <payload-type id name clockrate channels ptime maxptime>} (XEP-0167 §5) with its parameters, rtcp-fb and
 * rtcp-fb-trr-int (XEP-0293).
 */
public record PayloadType(int id, Optional<String> name, OptionalLong clockrate, OptionalInt channels,
                          OptionalInt ptime, OptionalInt maxptime, List<Parameter> parameters,
                          List<RtcpFeedback> feedback, OptionalInt trrInt, List<XmlAttribute> attributes,
                          List<RawXml> extra) {
    public PayloadType {
        if (id < 0 || id > 127) {
            throw new IllegalArgumentException("payload-type id must be 0-127, found " + id);
        }
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        feedback = List.copyOf(feedback);
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }

    public PayloadType withParameters(List<Parameter> newParameters) {
        return new PayloadType(id, name, clockrate, channels, ptime, maxptime, newParameters, feedback, trrInt,
                attributes, extra);
    }

    public PayloadType withAttributes(List<XmlAttribute> newAttributes) {
        return new PayloadType(id, name, clockrate, channels, ptime, maxptime, parameters, feedback, trrInt,
                newAttributes, extra);
    }

    public PayloadType withExtra(List<RawXml> newExtra) {
        return new PayloadType(id, name, clockrate, channels, ptime, maxptime, parameters, feedback, trrInt,
                attributes, newExtra);
    }
}
