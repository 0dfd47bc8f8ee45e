package org.jinglegateway.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;

/** XEP-0004 data forms: building the ones the commands send, reading the values of a submitted one. */
final class DataForm {
    static final String NAMESPACE = "jabber:x:data";

    private final Element x;

    private DataForm(String type, String title) {
        x = DocumentHelper.createElement(org.dom4j.QName.get("x", NAMESPACE));
        x.addAttribute("type", type);
        x.addElement("title").setText(title);
    }

    static DataForm form(String title) {
        return new DataForm("form", title);
    }

    static DataForm result(String title) {
        return new DataForm("result", title);
    }

    DataForm instructions(String text) {
        x.addElement("instructions").setText(text);
        return this;
    }

    DataForm fixed(String var, String label, String value) {
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", "text-single")
                .addAttribute("label", label);
        f.addElement("value").setText(value);
        return this;
    }

    /** A list-single field: options are value -> label. */
    DataForm choice(String var, String label, Map<String, String> options, String defaultValue) {
        Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", "list-single")
                .addAttribute("label", label);
        f.addElement("required");
        if (defaultValue != null) {
            f.addElement("value").setText(defaultValue);
        }
        options.forEach((value, text) -> f.addElement("option").addAttribute("label", text).addElement("value")
                .setText(value));
        return this;
    }

    /** A table: the reported columns, then one item per row (XEP-0004 §3.4). */
    DataForm table(Map<String, String> columns, List<Map<String, String>> rows) {
        Element reported = x.addElement("reported");
        columns.forEach((var, label) -> reported.addElement("field").addAttribute("var", var)
                .addAttribute("label", label));
        for (Map<String, String> row : rows) {
            Element item = x.addElement("item");
            row.forEach((var, value) -> item.addElement("field").addAttribute("var", var).addElement("value")
                    .setText(value));
        }
        return this;
    }

    Element element() {
        return x;
    }

    /** The first value of each field of a submitted form inside a command element. */
    static Map<String, String> values(Element command) {
        Map<String, String> out = new LinkedHashMap<>();
        Element form = command == null ? null : command.element(org.dom4j.QName.get("x", NAMESPACE));
        if (form == null) {
            return out;
        }
        for (Element f : form.elements("field")) {
            String var = f.attributeValue("var");
            if (var != null) {
                out.put(var, f.elementText("value") == null ? "" : f.elementText("value").trim());
            }
        }
        return out;
    }
}
