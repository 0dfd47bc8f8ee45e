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
    /** Frames dropped over the frame rate since the last one that was taken (only the socket's thread writes it). */
    private int droppedInARow;

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

    /** A frame was taken: the count of frames dropped in a row starts again. */
    void frameTaken() {
        droppedInARow = 0;
    }

    /** A frame was dropped over the rate; returns how many in a row now. */
    int frameDropped() {
        return ++droppedInARow;
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
