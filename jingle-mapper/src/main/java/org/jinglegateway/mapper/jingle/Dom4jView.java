package org.jinglegateway.mapper.jingle;

import java.util.ArrayList;
import java.util.List;
import org.dom4j.Attribute;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.Node;

/** {@link XmlView} of a dom4j element: what Tinder hands over, read in place. */
final class Dom4jView implements XmlView {
    private final Element element;
    private List<XmlView> elements;
    private List<Object> content;

    Dom4jView(Element element) {
        this.element = element;
    }

    @Override
    public String name() {
        return element.getName();
    }

    @Override
    public String namespace() {
        return element.getNamespaceURI();
    }

    @Override
    public String prefix() {
        return element.getNamespacePrefix();
    }

    @Override
    public String qualifiedName() {
        return element.getQualifiedName();
    }

    @Override
    public String attribute(String localName) {
        return element.attributeValue(localName);
    }

    @Override
    public int attributeCount() {
        return element.attributeCount();
    }

    @Override
    public String attributeName(int i) {
        return element.attribute(i).getName();
    }

    @Override
    public String attributePrefix(int i) {
        return element.attribute(i).getNamespacePrefix();
    }

    @Override
    public String attributeNamespace(int i) {
        return element.attribute(i).getNamespaceURI();
    }

    @Override
    public String attributeValue(int i) {
        return element.attribute(i).getValue();
    }

    @Override
    public String attributeQualifiedName(int i) {
        Attribute a = element.attribute(i);
        return a.getQualifiedName();
    }

    @Override
    public List<String> declaredNamespaces() {
        List<String> out = new ArrayList<>(2);
        for (Namespace ns : element.declaredNamespaces()) {
            if (!ns.getPrefix().isEmpty()) {
                out.add(ns.getPrefix());
                out.add(ns.getURI());
            }
        }
        return out;
    }

    @Override
    public List<XmlView> elements() {
        if (elements == null) {
            content();
        }
        return elements;
    }

    @Override
    public List<Object> content() {
        if (content == null) {
            List<Object> all = new ArrayList<>();
            List<XmlView> children = new ArrayList<>();
            for (Node n : element.content()) {
                if (n instanceof Element child) {
                    Dom4jView view = new Dom4jView(child);
                    all.add(view);
                    children.add(view);
                } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                    all.add(n.getText());
                }
            }
            content = all;
            elements = children;
        }
        return content;
    }

    @Override
    public String text() {
        return element.getText();
    }

    @Override
    public String textTrim() {
        return element.getTextTrim();
    }
}
