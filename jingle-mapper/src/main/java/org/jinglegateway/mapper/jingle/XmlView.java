package org.jinglegateway.mapper.jingle;

import java.util.List;

/**
 * One element, read-only: what {@link JingleReader} and {@link XmlText} need of it. Two sources (STYLE.md §5): the
 * dom4j element the XMPP layer already parsed ({@link Dom4jView}), or a compact tree made straight from StAX events
 * for strings ({@link XmlNode}), so a string is never turned into a dom4j tree to be read.
 */
interface XmlView {
    String name();

    /** The namespace URI, {@code ""} for none. */
    String namespace();

    /** The prefix the element was written with, {@code ""} for none. */
    String prefix();

    default String qualifiedName() {
        return prefix().isEmpty() ? name() : prefix() + ":" + name();
    }

    /** The value of the first attribute with this local name, or null (an internal look-up, never in a model). */
    String attribute(String localName);

    int attributeCount();

    String attributeName(int i);

    String attributePrefix(int i);

    String attributeNamespace(int i);

    String attributeValue(int i);

    default String attributeQualifiedName(int i) {
        return attributePrefix(i).isEmpty() ? attributeName(i) : attributePrefix(i) + ":" + attributeName(i);
    }

    /** Prefixed namespace declarations on this element: prefix, URI, prefix, URI ... */
    List<String> declaredNamespaces();

    /** Child elements in document order; the same objects on every call (error paths compare them by identity). */
    List<XmlView> elements();

    /** Child elements ({@link XmlView}) and text ({@link String}) in document order. */
    List<Object> content();

    /** The element's own text, its text children joined. */
    default String text() {
        StringBuilder b = null;
        String only = "";
        for (Object o : content()) {
            if (o instanceof String s) {
                if (b == null && only.isEmpty()) {
                    only = s;
                } else {
                    if (b == null) {
                        b = new StringBuilder(only);
                    }
                    b.append(s);
                }
            }
        }
        return b == null ? only : b.toString();
    }

    /** The text trimmed, with inner whitespace runs made one space (dom4j's {@code getTextTrim}). */
    default String textTrim() {
        String text = text();
        StringBuilder b = new StringBuilder(text.length());
        java.util.StringTokenizer words = new java.util.StringTokenizer(text);
        while (words.hasMoreTokens()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(words.nextToken());
        }
        return b.toString();
    }
}
