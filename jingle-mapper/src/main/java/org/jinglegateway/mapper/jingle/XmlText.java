package org.jinglegateway.mapper.jingle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;

/**
 * Serialises an element (kept as {@link RawXml}) canonically so that it reads back the same: whitespace-only text
 * between elements (indentation) is left out, other text is kept exactly; empty elements are written {@code <x/>};
 * namespaces are declared where they change; attribute values escape TAB, CR and LF as character references,
 * since XML attribute-value normalisation (XML 1.0 §3.3.3) would turn them into spaces. Elements come from
 * readers that limit nesting to {@value StaxDom#MAX_DEPTH}, so recursion is bounded.
 */
public final class XmlText {
    private XmlText() {
    }

    public static String of(Element element) {
        return of(new Dom4jView(element));
    }

    /** The same for either source of {@link XmlView}: equal elements give equal text. */
    static String of(XmlView element) {
        StringBuilder out = new StringBuilder(256);
        write(element, "", Map.of(), out);
        return out.toString();
    }

    private static void write(XmlView e, String parentDefault, Map<String, String> inScope, StringBuilder out) {
        String name = e.qualifiedName();
        out.append('<').append(name);
        Map<String, String> scope = inScope;
        String prefix = e.prefix();
        String uri = e.namespace();
        String defaultNs = parentDefault;
        if (prefix.isEmpty()) {
            if (!uri.equals(parentDefault)) {
                out.append(" xmlns=\"");
                escape(uri, true, out);
                out.append('"');
                defaultNs = uri;
            }
        } else {
            scope = declare(prefix, uri, scope, out);
        }
        List<String> declared = e.declaredNamespaces();
        for (int i = 0; i < declared.size(); i += 2) {
            scope = declare(declared.get(i), declared.get(i + 1), scope, out);
        }
        for (int i = 0; i < e.attributeCount(); i++) {
            String ap = e.attributePrefix(i);
            if (!ap.isEmpty() && !"xml".equals(ap)) {
                scope = declare(ap, e.attributeNamespace(i), scope, out);
            }
            out.append(' ').append(e.attributeQualifiedName(i)).append("=\"");
            escape(e.attributeValue(i), true, out);
            out.append('"');
        }
        boolean empty = true;
        for (Object n : e.content()) {
            if (n instanceof XmlView child) {
                if (empty) {
                    out.append('>');
                    empty = false;
                }
                write(child, defaultNs, scope, out);
            } else {
                String text = (String) n;
                if (!text.isBlank()) {
                    if (empty) {
                        out.append('>');
                        empty = false;
                    }
                    escape(text, false, out);
                }
            }
        }
        if (empty) {
            out.append("/>");
        } else {
            out.append("</").append(name).append('>');
        }
    }

    /** The characters escaped in text or attribute values: {@code < > & " TAB LF CR}, all below {@code ?}. */
    private static final long SPECIAL = 1L << '<' | 1L << '>' | 1L << '&' | 1L << '"' | 1L << '\t' | 1L << '\n'
            | 1L << '\r';

    private static boolean special(char c) {
        return c < 64 && (SPECIAL >>> c & 1) != 0;
    }

    private static Map<String, String> declare(String prefix, String uri, Map<String, String> scope,
                                               StringBuilder out) {
        if (uri.equals(scope.get(prefix))) {
            return scope;
        }
        out.append(" xmlns:").append(prefix).append("=\"");
        escape(uri, true, out);
        out.append('"');
        Map<String, String> inner = new HashMap<>(scope);
        inner.put(prefix, uri);
        return inner;
    }

    /** {@link #escape(String, boolean, StringBuilder)} of {@code s[from, to)}, without cutting it out first. */
    static void escape(String s, int from, int to, boolean attribute, StringBuilder out) {
        int first = from;
        while (first < to && !special(s.charAt(first))) {
            first++;
        }
        out.append(s, from, first);
        for (int i = first; i < to; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    static void escape(String s, boolean attribute, StringBuilder out) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            out.append(s);
            return;
        }
        out.append(s, 0, first);
        escape(s, first, s.length(), attribute, out);
    }
}
