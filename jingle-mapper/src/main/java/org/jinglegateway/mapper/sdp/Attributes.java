package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Look-ups over an ordered attribute list, shared by the session and media levels. */
public final class Attributes {
    private Attributes() {
    }

    /** The first attribute with this name. */
    public static Optional<Attribute> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The value of the first attribute with this name. */
    public static Optional<String> value(List<Attribute> attributes, String name) {
        return first(attributes, name).flatMap(Attribute::value);
    }

    public static boolean has(List<Attribute> attributes, String name) {
        return first(attributes, name).isPresent();
    }

    /** Every attribute with this name, read through a typed view, in order. */
    public static <T> List<T> all(List<Attribute> attributes, String name, Function<String, T> view) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                out.add(view.apply(a.valueOrEmpty()));
            }
        }
        return out;
    }
}
