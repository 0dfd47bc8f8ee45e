package org.jinglegateway.mapper.jingle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/** Builds a dom4j tree: what Tinder sends. */
final class Dom4jSink implements XmlSink {
    private final Deque<Element> open = new ArrayDeque<>();
    private Element root;

    @Override
    public void start(String name, String namespace) {
        QName q = QName.get(name, Namespace.get("", namespace));
        Element e = open.isEmpty() ? DocumentHelper.createElement(q) : open.peek().addElement(q);
        if (root == null) {
            root = e;
        }
        open.push(e);
    }

    @Override
    public void attribute(String name, String value) {
        open.peek().addAttribute(name, value);
    }

    @Override
    public void text(String text) {
        open.peek().addText(text);
    }

    @Override
    public void raw(RawXml xml) {
        open.peek().add(StaxDom.parse(xml.xml()));
    }

    @Override
    public void end() {
        open.pop();
    }

    Element result() {
        return root;
    }
}
