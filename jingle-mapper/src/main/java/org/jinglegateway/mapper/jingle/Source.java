package org.jinglegateway.mapper.jingle;

import java.util.List;

/** {@code <source ssrc>} with {@code <parameter name value/>} children (XEP-0339 §3.1). */
public record Source(long ssrc, List<Parameter> parameters, List<XmlAttribute> attributes, List<RawXml> extra) {
    public Source {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("source ssrc must be 0-4294967295, found " + ssrc);
        }
        parameters = List.copyOf(parameters);
        attributes = List.copyOf(attributes);
        extra = List.copyOf(extra);
    }

    public Source withAttributes(List<XmlAttribute> newAttributes) {
        return new Source(ssrc, parameters, newAttributes, extra);
    }

    public Source withExtra(List<RawXml> newExtra) {
        return new Source(ssrc, parameters, attributes, newExtra);
    }
}
