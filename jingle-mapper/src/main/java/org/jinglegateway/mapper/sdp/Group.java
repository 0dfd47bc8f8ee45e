package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import org.jinglegateway.mapper.internal.Checks;

/**
 * {@code a=group:<semantics> <mid> ...} (RFC 5888 §5, BUNDLE per RFC 8843); XEP-0338 {@code <group semantics>}
 * with {@code <content name/>}. An empty BUNDLE group is legal.
 */
public record Group(String semantics, List<String> mids) {
    public Group {
        Checks.token(semantics, "group semantics");
        mids = List.copyOf(mids);
        for (String m : mids) {
            Checks.token(m, "group mid");
        }
    }

    public static Group parse(String value) {
        String[] f = value.split(" ", -1);
        List<String> mids = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            mids.add(f[i]);
        }
        return new Group(f[0], mids);
    }

    public String toValue() {
        StringBuilder b = new StringBuilder(semantics);
        mids.forEach(m -> b.append(' ').append(m));
        return b.toString();
    }
}
