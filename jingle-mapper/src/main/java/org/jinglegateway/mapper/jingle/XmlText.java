package org.jinglegateway.mapper.jingle;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.dom4j.Element;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;

/**
 * Serialises an element so that it reads back the same: besides the usual entities, TAB, CR and LF in attribute
 * values are written as character references, since XML attribute-value normalisation (XML 1.0 §3.3.3) would
 * turn them into spaces.
 */
public final class XmlText {
    /** {@code <x a="1"></x>}: an element with nothing between its tags. */
    private static final java.util.regex.Pattern EMPTY_PAIR = java.util.regex.Pattern.compile(
            "<([A-Za-z_][\\w:.-]*)((?:\\s[^<>]*)?)></\\1>");

    private XmlText() {
    }

    public static String of(Element element) {
        Element canonical = element.createCopy();
        dropEmptyText(canonical);
        StringWriter out = new StringWriter(4096);
        XMLWriter writer = new XMLWriter(out, OutputFormat.createCompactFormat()) {
            @Override
            protected String escapeAttributeEntities(String text) {
                String escaped = super.escapeAttributeEntities(text);
                if (escaped.indexOf('\t') < 0 && escaped.indexOf('\n') < 0 && escaped.indexOf('\r') < 0) {
                    return escaped;
                }
                return escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;");
            }

            @Override
            protected void writeNamespace(String prefix, String uri) throws IOException {
                // dom4j writes namespace URIs unescaped: an '&' or '"' in one would make the output not XML
                super.writeNamespace(prefix, escapeAttributeEntities(uri));
            }
        };
        try {
            writer.write(canonical);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = out.toString();
        return text.indexOf("></") < 0 ? text : EMPTY_PAIR.matcher(text).replaceAll("<$1$2/>");
    }

    /** {@code <x></x>} and {@code <x/>} are the same element: write both as {@code <x/>}. */
    private static void dropEmptyText(Element e) {
        e.content().removeIf(n -> n instanceof org.dom4j.Text t && t.getText().isEmpty());
        for (Element child : e.elements()) {
            dropEmptyText(child);
        }
    }
}
