package org.jinglegateway.xmpp;

import org.dom4j.Attribute;
import org.dom4j.Branch;
import org.dom4j.CDATA;
import org.dom4j.Comment;
import org.dom4j.Element;
import org.dom4j.Entity;
import org.dom4j.Namespace;
import org.dom4j.Node;
import org.dom4j.ProcessingInstruction;
import org.dom4j.Text;

/**
 * An outgoing stanza as text: what dom4j's {@code XMLWriter} with its default format (Tinder's {@code toXML()})
 * writes, character for character, without its per-stanza set-up (a writer, a namespace stack, an output format, a
 * synchronized {@code StringWriter}): 9 % of the gateway's samples under load went there (docs/benchmarks.md,
 * round 5). Namespaces are declared where their binding changes (an element's own, its additional ones, then each
 * attribute's just before it); {@code < > &} are escaped in text and {@code < > & "} in attributes, other control
 * characters but TAB, LF and CR as numeric references, everything else raw (the encoding is UTF-8). One difference:
 * a namespace URI is escaped as an attribute value is ({@code XMLWriter} wrote it raw, which a URI holding {@code "}
 * turned into malformed XML). {@code StanzaTextTest} holds it to {@code XMLWriter} on crafted and random elements.
 */
final class StanzaText {
    private StanzaText() {
    }

    /** A namespace binding in scope: prefix ("" for the default namespace) to URI, innermost first. */
    private record Scope(String prefix, String uri, Scope outer) {
        /** The URI {@code prefix} is bound to here, or null. */
        String uri(String prefix) {
            for (Scope s = this; s != null; s = s.outer) {
                if (s.prefix.equals(prefix)) {
                    return s.uri;
                }
            }
            return null;
        }
    }

    /** No namespace is the default outside the stanza, as XMLWriter starts. */
    private static final Scope OUTSIDE = new Scope("", "", null);

    static String of(Element element) {
        StringBuilder out = new StringBuilder(2048);
        element(element, OUTSIDE, out);
        return out.toString();
    }

    private static void element(Element e, Scope outer, StringBuilder out) {
        String name = e.getQualifiedName();
        out.append('<').append(name);
        Scope scope = declare(e.getNamespace(), outer, out);
        int nodes = e.nodeCount();
        for (int i = 0; i < nodes; i++) {
            if (e.node(i) instanceof Namespace additional) {
                scope = declare(additional, scope, out);
            }
        }
        for (int i = 0, n = e.attributeCount(); i < n; i++) {
            Attribute a = e.attribute(i);
            Namespace ns = a.getNamespace();
            if (ns != null && ns != Namespace.NO_NAMESPACE && ns != Namespace.XML_NAMESPACE
                    && !ns.getURI().equals(scope.uri(ns.getPrefix()))) {
                scope = new Scope(ns.getPrefix(), ns.getURI(), scope);
                declaration(ns.getPrefix(), ns.getURI(), out);
            }
            String attribute = a.getName();
            if (attribute.startsWith("xmlns:")) {
                String prefix = attribute.substring(6);
                if (scope.uri(prefix) == null) {
                    scope = new Scope(prefix, a.getValue(), scope);
                    declaration(prefix, a.getValue(), out);
                }
            } else if (!attribute.equals("xmlns")) {
                out.append(' ').append(a.getQualifiedName()).append("=\"");
                escape(a.getValue(), true, out);
                out.append('"');
            }
        }
        if (nodes == 0) {
            out.append("/>");
            return;
        }
        out.append('>');
        content(e, scope, out);
        out.append("</").append(name).append('>');
    }

    private static void content(Branch e, Scope scope, StringBuilder out) {
        for (int i = 0, n = e.nodeCount(); i < n; i++) {
            Node node = e.node(i);
            if (node instanceof Element child) {
                element(child, scope, out);
            } else if (node instanceof CDATA cdata) {
                out.append("<![CDATA[").append(cdata.getText()).append("]]>");
            } else if (node instanceof Entity entity) {
                // as XMLWriter resolves entity references by default: its text, unescaped
                out.append(entity.getText());
            } else if (node instanceof Text text) {
                escape(text.getText(), false, out);
            } else if (node instanceof Comment comment) {
                out.append("<!--").append(comment.getText()).append("-->");
            } else if (node instanceof ProcessingInstruction pi) {
                out.append("<?").append(pi.getName()).append(' ').append(pi.getText()).append("?>");
            }
            // a Namespace node was declared with its element
        }
    }

    /** Declares {@code ns} unless it is bound so already (or is the xml namespace); the scope after it. */
    private static Scope declare(Namespace ns, Scope scope, StringBuilder out) {
        if (ns == null || ns == Namespace.XML_NAMESPACE || ns.getURI() == null
                || ns.getURI().equals(scope.uri(ns.getPrefix()))) {
            return scope;
        }
        declaration(ns.getPrefix(), ns.getURI(), out);
        return new Scope(ns.getPrefix(), ns.getURI(), scope);
    }

    private static void declaration(String prefix, String uri, StringBuilder out) {
        out.append(" xmlns");
        if (!prefix.isEmpty()) {
            out.append(':').append(prefix);
        }
        out.append("=\"");
        // XMLWriter wrote the URI raw: a peer's namespace holding '"' or '<' (sent escaped, read back plain) made the
        // gateway's error reply, which copies the peer's element, malformed, and the server closed the link
        escape(uri, true, out);
        out.append('"');
    }

    /** XMLWriter's escaping: {@code < > &}, {@code "} in attributes, controls but TAB, LF, CR as references. */
    private static void escape(String s, boolean attribute, StringBuilder out) {
        int n = s.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String entity;
            if (c >= '?') {
                continue;
            }
            switch (c) {
                case '<' -> entity = "&lt;";
                case '>' -> entity = "&gt;";
                case '&' -> entity = "&amp;";
                case '"' -> entity = attribute ? "&quot;" : null;
                case '\t', '\n', '\r' -> entity = null;
                default -> entity = c < ' ' ? "&#" + (int) c + ";" : null;
            }
            if (entity != null) {
                out.append(s, plain, i).append(entity);
                plain = i + 1;
            }
        }
        out.append(s, plain, n);
    }
}
