package org.jinglegateway.harness;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A real XMPP server started for one test class (Prosody or ejabberd): what clients and the gateway need to
 * connect to it. Users log in on {@link #virtualHost()} over plain TCP on 127.0.0.1:{@link #c2sPort()}; the
 * gateway connects as an XEP-0114 component on {@link #componentPort()}.
 */
public interface XmppServer {
    /** The XMPP domain the test users live on ({@code localhost}). */
    String virtualHost();

    int c2sPort();

    int componentPort();

    /** The component domain the server accepts (e.g. {@code gw.localhost}). */
    String componentDomain();

    String componentSecret();

    /** The server's log, printed when a test fails. */
    Path logFile();

    /** Stops, then starts again on the same ports with the same data. */
    void restart() throws IOException, InterruptedException;
}
