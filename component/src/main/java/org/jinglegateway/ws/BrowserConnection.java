package org.jinglegateway.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.jinglegateway.call.Device;
import org.xmpp.packet.JID;

/** One browser socket as the call layer sees it: a {@link Device} once it has registered. */
public final class BrowserConnection implements Device {
    private final Consumer<String> out;
    private final java.util.function.Consumer<String> closer;
    private volatile JID jid;
    private volatile ScheduledFuture<?> refresh;

    public BrowserConnection(Consumer<String> out, Consumer<String> closer) {
        this.out = out;
        this.closer = closer;
    }

    @Override
    public JID jid() {
        return jid;
    }

    void bind(JID full) {
        this.jid = full;
    }

    boolean registered() {
        return jid != null;
    }

    @Override
    public void send(ObjectNode frame) {
        out.accept(frame.toString());
    }

    void refreshWith(ScheduledFuture<?> task) {
        this.refresh = task;
    }

    void stopRefresh() {
        ScheduledFuture<?> r = refresh;
        if (r != null) {
            r.cancel(false);
        }
    }

    void close() {
        closer.accept("registration refused");
    }

    @Override
    public void disconnect(String reason) {
        closer.accept(reason);
    }

    @Override
    public String toString() {
        return jid == null ? "unregistered browser" : jid.toString();
    }
}
