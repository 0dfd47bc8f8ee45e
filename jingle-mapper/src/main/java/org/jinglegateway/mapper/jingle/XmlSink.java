package org.jinglegateway.mapper.jingle;

/**
 * Where {@link JingleWriter} writes: a dom4j tree for Tinder, or a string. One writing logic, two sinks
 * (STYLE.md §5). Calls nest: {@code start}, attributes, children, {@code end}.
 */
interface XmlSink {
    /** Opens an element in a namespace; attributes follow. */
    void start(String name, String namespace);

    /** Opens one of the Jingle elements ({@link JingleNames.Tag}). */
    default void start(JingleNames.Tag tag) {
        start(tag.local(), tag.namespace());
    }

    void attribute(String name, String value);

    /** A number attribute (ids, ports, priorities): the string sink writes it without making a string. */
    default void attribute(String name, long value) {
        attribute(name, String.valueOf(value));
    }

    void text(String text);

    /** A whole element kept as text ({@link RawXml}), written as the last child so far. */
    void raw(RawXml xml);

    void end();
}
