package org.jinglegateway.harness.client;

import java.io.IOException;
import org.jinglegateway.harness.XmppServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Smack 4.4 client logged in to the test server (Prosody or ejabberd) as one of its users (plain TCP on loopback,
 * SASL PLAIN).
 */
public final class XmppTestClient implements AutoCloseable {
    private static final long REPLY_TIMEOUT_MILLIS = 5000;

    private final XMPPTCPConnection connection;

    private XmppTestClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    /** Connects and logs in; the resource is {@code test}. */
    public static XmppTestClient login(XmppServer server, String user, String password)
            throws IOException, InterruptedException, SmackException, XMPPException {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.virtualHost())
                .setHost("127.0.0.1")
                .setPort(server.c2sPort())
                .setUsernameAndPassword(user, password)
                .setResource("test")
                .setSecurityMode(SecurityMode.disabled)
                .setSendPresence(true)
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(config);
        c.setReplyTimeout(REPLY_TIMEOUT_MILLIS);
        c.connect().login();
        XmppTestClient client = new XmppTestClient(c);
        // one round trip after the initial presence: the server has made this resource available before the test
        // goes on (ejabberd otherwise stores a message to the bare JID that races the presence as offline)
        if (!PingManager.getInstanceFor(c).ping(JidCreate.domainBareFrom(server.virtualHost()),
                REPLY_TIMEOUT_MILLIS)) {
            c.disconnect();
            throw new IllegalStateException(user + " logged in but the server did not answer a ping");
        }
        return client;
    }

    public XMPPTCPConnection connection() {
        return connection;
    }

    public DiscoverInfo discoInfo(String jid) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(JidCreate.from(jid));
    }

    public boolean ping(String domain) throws Exception {
        DomainBareJid to = JidCreate.domainBareFrom(domain);
        return PingManager.getInstanceFor(connection).ping(to, REPLY_TIMEOUT_MILLIS);
    }

    /** Sends an IQ and waits for its response; an error response is returned, not thrown. */
    public IQ request(IQ iq) throws Exception {
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
