package org.jinglegateway.harness.client;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.w3c.dom.Element;

/** A stanza child sent exactly as written (it must declare its own namespace). */
public final class RawExtension implements ExtensionElement {
    private final String elementName;
    private final String namespace;
    private final String xml;

    public RawExtension(String xml) {
        Element root = Xml.parse(xml);
        this.elementName = root.getLocalName();
        this.namespace = root.getNamespaceURI();
        this.xml = xml;
    }

    /** Named by the caller, not read: for XML the JDK's parser would refuse (over 10,000 attributes on an element). */
    public RawExtension(String elementName, String namespace, String xml) {
        this.elementName = elementName;
        this.namespace = namespace;
        this.xml = xml;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getElementName() {
        return elementName;
    }

    @Override
    public CharSequence toXML(XmlEnvironment enclosingNamespace) {
        return xml;
    }
}
