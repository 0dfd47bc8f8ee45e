package org.jinglegateway.xmpp;

import java.util.Map;
import java.util.Optional;

/**
 * A stanza from the server that the gateway skipped because it passed a limit; the stream stayed up. Only its
 * opening tag was kept: {@code name} ({@code iq}, {@code message}, {@code presence}, ...) and its routing attributes
 * ({@code from}, {@code to}, {@code id}, {@code type}; absent when the opening tag itself was over the limit).
 *
 * @param bytes the stanza's size in bytes on the wire, as far as it was read (all of it for {@link Limit#SIZE})
 */
public record RefusedStanza(String name, Map<String, String> attributes, Limit limit, long bytes, long max) {
    /** urn:ietf:params:xml:ns:xmpp-stanzas (RFC 6120 §8.3) */
    public static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** Which limit the stanza passed. */
    public enum Limit {
        /** Its raw bytes are more than {@code xmpp.max-stanza-bytes}. */
        SIZE("size"),
        /** Its elements nest deeper than the gateway's depth limit. */
        DEPTH("depth"),
        /** One of its elements has more attributes than the gateway's limit. */
        ATTRIBUTES("attributes");

        private final String token;

        Limit(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    public RefusedStanza {
        attributes = Map.copyOf(attributes);
    }

    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    /** What the sender is told, without any of the stanza's content. */
    public String text() {
        return switch (limit) {
            case SIZE -> "the stanza is " + bytes + " bytes, more than this gateway accepts (" + max + ")";
            case DEPTH -> "the stanza nests elements deeper than this gateway accepts (" + max + " levels)";
            case ATTRIBUTES -> "an element of the stanza has more attributes than this gateway accepts (" + max + ")";
        };
    }

    /**
     * The error the sender gets (RFC 6120 §8.3: policy-violation, type modify), or empty where none is due: an IQ
     * result or error, any stanza of type error (§8.3.1: never answer an error with an error), a stanza with no
     * {@code from} to answer, or something that is not a stanza.
     */
    public Optional<String> errorReply(String domain) {
        Optional<String> from = attribute("from");
        String type = attributes.getOrDefault("type", "");
        boolean stanza = name.equals("message") || name.equals("presence")
                || name.equals("iq") && (type.equals("get") || type.equals("set"));
        if (!stanza || type.equals("error") || from.isEmpty()) {
            return Optional.empty();
        }
        String id = attribute("id").map(i -> " id='" + ComponentSession.escape(i) + "'").orElse("");
        return Optional.of("<" + name + " type='error'" + id + " from='"
                + ComponentSession.escape(attribute("to").orElse(domain)) + "' to='"
                + ComponentSession.escape(from.get()) + "'><error type='modify'><policy-violation xmlns='"
                + STANZAS_NS + "'/><text xmlns='" + STANZAS_NS + "'>" + ComponentSession.escape(text())
                + "</text></error></" + name + ">");
    }
}
