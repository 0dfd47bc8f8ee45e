package org.jinglegateway.call;

import java.util.Optional;
import org.dom4j.Element;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleMessage;
import org.jinglegateway.mapper.jingle.JingleMessages;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.jingle.Namespaces;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/** The stanzas calls send: Jingle IQs, XEP-0353 messages, and the XEP-0166 §8 error replies. */
public final class Stanzas {
    private Stanzas() {
    }

    public static IQ jingleSet(JID from, JID to, String id, Jingle jingle) {
        IQ iq = new IQ(IQ.Type.set, id);
        iq.setFrom(from);
        iq.setTo(to);
        iq.setChildElement(JingleWriter.toElement(jingle));
        return iq;
    }

    /** An XEP-0353 message; type chat with a store hint, as Conversations sends them, so archives keep them. */
    public static Message jmi(JID from, JID to, String id, JingleMessage payload) {
        Message m = new Message();
        m.setType(Message.Type.chat);
        m.setID(id);
        m.setFrom(from);
        m.setTo(to);
        m.getElement().add(JingleMessages.toElement(payload));
        m.getElement().addElement("store", "urn:xmpp:hints");
        return m;
    }

    /**
     * An error reply to a request: the stanza condition, an optional Jingle condition ({@code unknown-session},
     * {@code out-of-order}, {@code tie-break}, {@code unsupported-info}) and a text that says what was wrong.
     */
    public static IQ error(IQ request, PacketError.Condition condition, Optional<String> jingleCondition,
                           String text) {
        IQ reply = IQ.createResultIQ(request);
        reply.setType(IQ.Type.error);
        PacketError error = new PacketError(condition, condition.getDefaultType(), text, "en");
        jingleCondition.ifPresent(c -> error.setApplicationCondition(c, Namespaces.JINGLE_ERRORS));
        reply.setError(error);
        return reply;
    }

    public static IQ unknownSession(IQ request, String text) {
        return error(request, PacketError.Condition.item_not_found, Optional.of("unknown-session"), text);
    }

    public static IQ outOfOrder(IQ request, String text) {
        return error(request, PacketError.Condition.unexpected_request, Optional.of("out-of-order"), text);
    }

    /** The condition name of an IQ error, for logs and hangup texts. */
    public static String condition(IQ error) {
        PacketError e = error.getError();
        return e == null ? "undefined-condition" : e.getCondition().toXMPP();
    }

    /** The Jingle child of an IQ, or null. */
    public static Element jingleChild(IQ iq) {
        Element child = iq.getChildElement();
        return child != null && "jingle".equals(child.getName()) && Namespaces.JINGLE.equals(child.getNamespaceURI())
                ? child : null;
    }
}
