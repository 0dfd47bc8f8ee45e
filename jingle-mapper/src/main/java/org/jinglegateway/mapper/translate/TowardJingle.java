package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.internal.Decimals;
import org.jinglegateway.mapper.jingle.HeaderExtension;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.RtcpFeedback;
import org.jinglegateway.mapper.sdp.Attribute;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;

/**
 * The {@link MappingTable} rows' functions toward Jingle that do not fit on a line: each reads one SDP line into its
 * row's value, or adds a value to the part of the content it belongs to.
 */
final class TowardJingle {
    private TowardJingle() {
    }

    /** Firefox's a=extmap:<id>/<direction>: the direction is the SDP writer's, senders the session's. */
    static HeaderExtension readExtmap(SectionReading s, Attribute a, Object view) {
        ExtMap e = (ExtMap) view;
        if (e.attributes().isPresent()) {
            s.notes.add(new MappingNote(MappingNote.Kind.DROPPED, s.where, "extmap " + e.id()
                    + " extension attributes have no XEP-0294 counterpart"));
        }
        return new HeaderExtension(e.id(), e.uri(), e.direction().map(d -> SendersTable.senders(s.writer, d)),
                List.of());
    }

    /** A decimal ptime or maxptime; one that is no number is left out, and still counts as the section's line. */
    static OptionalInt numberValue(SectionReading s, Attribute a, Object view) {
        return a.value().isPresent() ? number(a.value()) : null;
    }

    /** {@code *} lines belong to the description, others to the payload type of their format, if the m-line has it. */
    static void addRtcpFb(DescriptionDraft d, RtcpFb fb) {
        if (fb.payload().equals("*")) {
            if (fb.type().equals("trr-int")) {
                d.trrInt = number(fb.subtype());
            } else {
                d.feedback.add(new RtcpFeedback(fb.type(), fb.subtype()));
            }
            return;
        }
        PayloadDraft p = d.format(fb.payload());
        if (p == null) {
            return;
        }
        if (fb.type().equals("trr-int")) {
            p.trrInt = number(fb.subtype());
        } else {
            p.feedback.add(new RtcpFeedback(fb.type(), fb.subtype()));
        }
    }

    /** An rtpmap names a payload type by id; the last line for an id counts. */
    static void addRtpMap(DescriptionDraft d, RtpMap r) {
        for (PayloadDraft p = d.id(r.payloadType()); p != null; p = p.sameId) {
            p.name = Optional.of(r.encoding());
            p.clockrate = OptionalLong.of(r.clockRate());
            p.channels = r.channels();
        }
    }

    /**
     * An fmtp names a payload type by format; the last line for a format counts. A value-only token (telephone-event
     * 0-15, RED 111/111) is written with an empty name.
     */
    static void addFmtp(DescriptionDraft d, Fmtp f) {
        PayloadDraft p = d.format(f.format());
        if (p == null) {
            return;
        }
        List<Parameter> parameters = new ArrayList<>(f.params().size());
        for (Fmtp.Param param : f.params()) {
            parameters.add(Parameter.of(param.name().orElse(""), param.value()));
        }
        p.parameters = parameters;
    }


    /** A decimal that fits an int, or nothing (ptime and trr-int values that are not are left out). */
    static java.util.OptionalInt number(Optional<String> value) {
        if (value.isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        java.util.OptionalLong n = Decimals.parse(value.get().strip());
        return n.isPresent() && n.getAsLong() <= Integer.MAX_VALUE ? java.util.OptionalInt.of((int) n.getAsLong())
                : java.util.OptionalInt.empty();
    }
}
