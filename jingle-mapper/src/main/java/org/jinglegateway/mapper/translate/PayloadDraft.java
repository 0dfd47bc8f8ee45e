package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.jingle.PayloadType;
import org.jinglegateway.mapper.jingle.RtcpFeedback;

/** One XEP-0167 {@code <payload-type>} of a {@link DescriptionDraft}, from one m-line format. */
final class PayloadDraft {
    final int id;
    /** The m-line format as written, which a=fmtp and a=rtcp-fb name. */
    final String format;
    /** The next payload type of the m-line with the same id written another way ({@code 111}, {@code 0111}). */
    PayloadDraft sameId;
    Optional<String> name = Optional.empty();
    OptionalLong clockrate = OptionalLong.empty();
    OptionalInt channels = OptionalInt.empty();
    List<Parameter> parameters = List.of();
    /** Most payload types have none: the list's array is only made at the first one. */
    final List<RtcpFeedback> feedback = new ArrayList<>();
    OptionalInt trrInt = OptionalInt.empty();

    PayloadDraft(int id, String format) {
        this.id = id;
        this.format = format;
    }

    /** ptime and maxptime are the media section's, on every payload type (XEP-0167 §5). */
    PayloadType build(OptionalInt ptime, OptionalInt maxptime) {
        return new PayloadType(id, name, clockrate, channels, ptime, maxptime, parameters, feedback, trrInt,
                List.of(), List.of());
    }
}
