package org.jinglegateway.mapper.jingle;


/**
 * Writes XML text directly. Declares a default namespace only where it changes, escapes text and attributes (TAB, CR
 * and LF in attributes as character references, so they survive attribute-value normalisation) and closes empty
 * elements as {@code <x/>}, the same canonical form as {@link XmlText}. The translation's direct SDP to XML path
 * ({@code translate.XmlBytes}) writes the same bytes its own way; {@code DirectXmlTest} holds the two together.
 */
final class StringSink implements XmlSink {
    private final StringBuilder out;
    /** Open elements' names and namespaces, by depth (the readers limit nesting; a writer grows as it needs). */
    private String[] names = new String[16];
    private String[] namespaces = new String[16];
    private int depth;
    private boolean open;

    /** For small elements (XEP-0353 messages, session-info). */
    StringSink() {
        this(512);
    }

    /** @param expectedLength about how long the result will be: one buffer, neither grown nor mostly empty */
    StringSink(int expectedLength) {
        out = new StringBuilder(expectedLength);
    }

    @Override
    public void start(String name, String namespace) {
        closeStartTag();
        out.append('<').append(name);
        String parent = depth == 0 ? null : namespaces[depth - 1];
        if (depth == names.length) {
            names = java.util.Arrays.copyOf(names, depth * 2);
            namespaces = java.util.Arrays.copyOf(namespaces, depth * 2);
        }
        names[depth] = name;
        namespaces[depth++] = namespace;
        if (!namespace.equals(parent)) {
            // namespaces are the writer's own constants (Namespaces), never peer text: nothing to escape
            out.append(" xmlns=\"").append(namespace).append('"');
        }
        open = true;
    }

    @Override
    public void attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
    }

    @Override
    public void attribute(String name, long value) {
        out.append(' ').append(name).append("=\"").append(value).append('"');
    }

    @Override
    public void text(String text) {
        closeStartTag();
        escape(text, false);
    }

    @Override
    public void raw(RawXml xml) {
        closeStartTag();
        out.append(xml.xml());
    }

    @Override
    public void end() {
        String name = names[--depth];
        if (open) {
            out.append("/>");
            open = false;
        } else {
            out.append("</").append(name).append('>');
        }
    }

    private void closeStartTag() {
        if (open) {
            out.append('>');
            open = false;
        }
    }

    private void escape(String s, boolean attribute) {
        XmlText.escape(s, attribute, out);
    }

    String result() {
        return out.toString();
    }
}
