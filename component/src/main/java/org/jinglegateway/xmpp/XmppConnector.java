package org.jinglegateway.xmpp;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.jinglegateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Keeps one Tinder {@link Component} registered with an XMPP server over XEP-0114: connects, authenticates,
 * dispatches stanzas, sends whitespace keepalives, and reconnects with {@link Backoff} when the connection drops
 * or the server restarts. To the component it is a {@link ComponentManager}, as Openfire would be.
 *
 * <p>While the link is down, stanzas to send are held in order, up to {@code xmpp.held-stanzas} and
 * {@code xmpp.held-bytes}, and written right after the next handshake, before any new stanza (docs/calls.md,
 * "Link drops"). Past either bound the held stanzas are dropped and the listener hears
 * {@link ConnectionListener#heldOverflow} once per gap.
 */
public final class XmppConnector implements ComponentManager, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XmppConnector.class);
    private static final long QUERY_TIMEOUT_MILLIS = 30_000;

    private final GatewayConfig.Xmpp settings;
    private final Component component;
    private final ConnectionListener listener;
    private final Backoff backoff;
    private final Map<String, CompletableFuture<IQ>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> properties = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xmpp-keepalive");
        t.setDaemon(true);
        return t;
    });
    private volatile ComponentSession session;
    /** Guards {@link #live}, {@link #held} and the writes, so that held stanzas leave before new ones. */
    private final Object sendLock = new Object();
    /** The session stanzas are written to; null while the link is down or its held stanzas are still leaving. */
    private ComponentSession live;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private boolean overflowed;

    /** A stanza held while the link is down, with the UTF-8 size {@link OutgoingCheck} counted. */
    private record Held(String xml, long bytes) {
    }
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Thread thread;
    /** Takes a stanza before the component does (the cluster's routing); true when it was taken. */
    private volatile java.util.function.Predicate<Packet> router = p -> false;
    private volatile long standbyRetryMillis;
    private boolean standbyLogged;
    /** Set while the link must stay down (this instance is out of its cluster). */
    private volatile boolean suspended;

    public XmppConnector(GatewayConfig.Xmpp settings, Component component, ConnectionListener listener) {
        this.settings = settings;
        this.component = component;
        this.listener = listener;
        this.backoff = new Backoff(settings.reconnectMinMillis(), settings.reconnectMaxMillis(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Starts connecting in the background. */
    public void start() throws ComponentException {
        component.initialize(new org.xmpp.packet.JID(settings.domain()), this);
        component.start();
        thread = new Thread(this::loop, "xmpp-connector");
        thread.start();
        if (settings.keepaliveSeconds() > 0) {
            long idle = TimeUnit.SECONDS.toNanos(settings.keepaliveSeconds());
            keepalive.scheduleWithFixedDelay(() -> sendKeepalive(idle), settings.keepaliveSeconds(),
                    settings.keepaliveSeconds(), TimeUnit.SECONDS);
        }
    }

    private void sendKeepalive(long idleNanos) {
        ComponentSession s = session;
        if (s != null) {
            try {
                s.keepalive(idleNanos);
            } catch (IOException e) {
                log.debug("keepalive failed; the reader will notice the broken connection", e);
            }
        }
    }

    private void loop() {
        while (running) {
            if (suspended) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            ComponentSession s;
            try {
                if (!standbyLogged) {
                    log.info("xmpp.connecting host={} port={} domain={} attempt={}", settings.host(), settings.port(),
                            settings.domain(), backoff.attempts() + 1);
                }
                s = ComponentSession.open(settings.host(), settings.port(), settings.domain(), settings.secret(),
                        settings.maxStanzaBytes(), standbyRetryMillis > 0);
            } catch (IOException e) {
                log.warn("xmpp.unreachable host={} port={} reason={}", settings.host(), settings.port(),
                        e.getMessage());
                pause();
                continue;
            } catch (StreamException e) {
                if (standbyRetryMillis > 0 && e.condition() == StreamErrorCondition.CONFLICT) {
                    standby();
                    continue;
                }
                if (!handleRefusal(e)) {
                    return;
                }
                pause();
                continue;
            }
            standbyLogged = false;
            session = s;
            backoff.reset();
            int flushed = flushHeld(s);
            log.info("xmpp.registered domain={} held-sent={}", settings.domain(), flushed);
            long since = System.nanoTime();
            listener.connected(settings.domain());
            String reason = readUntilClosed(s);
            synchronized (sendLock) {
                live = null;
            }
            session = null;
            failPending();
            if (running) {
                log.warn("xmpp.disconnected reason={}", reason);
                listener.disconnected(reason);
                // the first attempt goes at once (a restarted server is often back already); a link that broke
                // right after its handshake waits, so that a server that keeps closing us is not hammered
                if (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(1)) {
                    pause();
                }
            }
        }
    }

    /** Returns false when the refusal is final and the connector stops. */
    private boolean handleRefusal(StreamException e) {
        switch (e.condition()) {
            case NOT_AUTHORIZED -> {
                running = false;
                // ejabberd answers an unknown domain exactly like a wrong secret (a bare not-authorized after
                // the handshake), so without the server's text both settings are named
                String domainToo = text(e).isEmpty() ? ", or make sure the server knows the component domain "
                        + settings.domain() + " (xmpp.domain; ejabberd: ejabberd_service hosts)" : "";
                listener.fatal(e.condition(), "the XMPP server refused the component secret for "
                        + settings.domain() + " (not-authorized" + text(e) + "): set xmpp.secret (--secret,"
                        + " JINGLE_GATEWAY_SECRET) to the secret in the server's component configuration"
                        + domainToo);
                return false;
            }
            case HOST_UNKNOWN -> {
                running = false;
                listener.fatal(e.condition(), "the XMPP server does not know the component domain "
                        + settings.domain() + " (host-unknown" + text(e) + "): add it on the server (Prosody:"
                        + " Component \"" + settings.domain() + "\" with component_secret; ejabberd:"
                        + " ejabberd_service hosts; Openfire: External Components) or fix xmpp.domain");
                return false;
            }
            case CONFLICT -> log.warn("xmpp.conflict domain={}: another component is connected with this domain"
                    + " (or the server still holds our old session); retrying", settings.domain());
            default -> log.warn("xmpp.refused condition={} text={}", e.condition().token(), e.getMessage());
        }
        return true;
    }

    private static String text(StreamException e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? "" : ": " + e.getMessage();
    }

    private String readUntilClosed(ComponentSession s) {
        try {
            while (running) {
                Optional<Element> next = s.read();
                if (next.isEmpty()) {
                    s.close();
                    return "the server closed the stream";
                }
                try {
                    dispatch(next.get());
                } catch (RuntimeException e) {
                    // one stanza must never end the connection for every call: log it (our bug) and go on
                    log.error("xmpp.dispatch-failed element=<{}>", next.get().getName(), e);
                }
            }
            return "stopped";
        } catch (StreamException e) {
            if (e.local()) {
                s.closeWithError(e.condition(), e.getMessage());
                return e.condition().token() + ": " + e.getMessage();
            }
            s.close();
            return e.closed() ? e.getMessage() : "server stream error " + e.condition().token() + text(e);
        } catch (RuntimeException e) {
            // the reader's own failure (our bug): where the stream stands is unknown, so it is closed and connected
            // again, never left open with no one reading it
            log.error("xmpp.read-failed", e);
            s.close();
            return "the reader failed: " + e;
        }
    }

    private void dispatch(Element element) {
        Packet packet;
        try {
            packet = switch (element.getName()) {
                case "iq" -> new IQ(element);
                case "message" -> new Message(element);
                case "presence" -> new Presence(element);
                default -> null;
            };
        } catch (RuntimeException e) {
            // Tinder refuses malformed JIDs; the server should never route such a stanza to us
            log.warn("xmpp.bad-stanza dropped reason={}", e.getMessage());
            return;
        }
        if (packet == null) {
            log.debug("ignoring top-level element <{}>", element.getName());
            return;
        }
        if (packet instanceof IQ iq && iq.getID() != null
                && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error)) {
            CompletableFuture<IQ> waiting = pending.remove(iq.getID());
            if (waiting != null) {
                waiting.complete(iq);
                return;
            }
        }
        try {
            listener.stanzaIn();
            if (router.test(packet)) {
                return;
            }
            component.processPacket(packet);
        } catch (RuntimeException e) {
            log.error("component failed on a stanza", e);
        }
    }

    private void failPending() {
        pending.values().forEach(f -> f.completeExceptionally(new IOException("XMPP connection lost")));
        pending.clear();
    }

    private void pause() {
        long delay = backoff.nextDelayMillis();
        log.info("xmpp.reconnect-in millis={}", delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * In a cluster: the stream header asks Openfire for a connection beside the others ({@code allowMultiple}), and
     * behind a server that takes one connection per domain (Prosody) a conflict means another instance holds the
     * link: this one waits as a hot standby, asking again every {@code millis} (docs/operations.md, "Several
     * instances").
     */
    public void standbyRetry(long millis) {
        this.standbyRetryMillis = millis;
    }

    private void standby() {
        if (!standbyLogged) {
            log.info("xmpp.standby domain={}: another instance holds the link; asking again every {} ms",
                    settings.domain(), standbyRetryMillis);
            standbyLogged = true;
        }
        try {
            Thread.sleep(standbyRetryMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Routes each received stanza through {@code r} first (docs/operations.md, "Several instances"). */
    public void setRouter(java.util.function.Predicate<Packet> r) {
        this.router = r;
    }

    /**
     * Closes the link and keeps it down until {@link #unsuspend} (an instance out of its cluster must not answer
     * what the others now answer).
     */
    public void suspend() {
        suspended = true;
        synchronized (sendLock) {
            // what was held is stale: other instances carry the calls now
            held.clear();
            heldBytes = 0;
        }
        ComponentSession s = session;
        if (s != null) {
            s.close();
        }
    }

    public void unsuspend() {
        suspended = false;
    }

    public boolean isConnected() {
        return session != null;
    }

    /**
     * Writes what was held while the link was down, in order, then lets new stanzas through. Returns how many left;
     * a write that fails keeps the rest held (the reader notices the broken link and the next session sends them).
     */
    private int flushHeld(ComponentSession s) {
        synchronized (sendLock) {
            int sent = 0;
            while (!held.isEmpty()) {
                Held next = held.peek();
                try {
                    s.send(next.xml());
                } catch (IOException e) {
                    log.warn("xmpp.held-send failed after {} stanzas: {}", sent, e.getMessage());
                    return sent;
                }
                held.poll();
                heldBytes -= next.bytes();
                sent++;
                listener.stanzaOut();
            }
            live = s;
            overflowed = false;
            return sent;
        }
    }

    /** Holds a stanza for the next session; past a bound everything held is dropped. Returns true on overflow. */
    private boolean hold(String xml, long bytes) {
        if (held.size() + 1 > settings.heldStanzas() || heldBytes + bytes > settings.heldBytes()) {
            log.warn("xmpp.held-overflow dropped={} bytes={} (xmpp.held-stanzas={}, xmpp.held-bytes={})",
                    held.size() + 1, heldBytes + bytes, settings.heldStanzas(), settings.heldBytes());
            held.clear();
            heldBytes = 0;
            boolean first = !overflowed;
            overflowed = true;
            return first;
        }
        held.add(new Held(xml, bytes));
        heldBytes += bytes;
        return false;
    }

    /** Stanzas held for the next session (for tests and logs). */
    public int heldCount() {
        synchronized (sendLock) {
            return held.size();
        }
    }

    /** What {@code packet.toXML()} gives ({@link StanzaText}: without dom4j's per-stanza writer set-up). */
    static String toXml(Packet packet) {
        return StanzaText.of(packet.getElement());
    }

    /**
     * Serializes the stanza once, checks it ({@link OutgoingCheck}) and writes it, or holds it while the link is
     * down (a failed write holds it too: the link just broke).
     *
     * @throws UnsendableStanzaException the server would refuse it (too large, or a character XML 1.0 forbids): it
     *                                   was not written, and the link is untouched
     * @throws ComponentException        the connector is closed
     */
    @Override
    public void sendPacket(Component from, Packet packet) throws ComponentException {
        String xml = toXml(packet);
        long bytes = OutgoingCheck.check(xml, packet, settings.maxOutgoingBytes());
        if (closed.get()) {
            throw new ComponentException("the XMPP connection is closed");
        }
        if (suspended) {
            log.debug("xmpp.suspended dropped to={}", packet.getTo());
            return;
        }
        boolean overflow;
        synchronized (sendLock) {
            ComponentSession s = live;
            if (s != null) {
                try {
                    s.send(xml);
                    listener.stanzaOut();
                    return;
                } catch (IOException e) {
                    log.info("xmpp.send failed, holding it for the next connection: {}", e.getMessage());
                    live = null;
                }
            }
            overflow = hold(xml, bytes);
        }
        if (overflow) {
            listener.heldOverflow();
        }
    }

    @Override
    public IQ query(Component from, IQ request, long timeoutMillis) throws ComponentException {
        CompletableFuture<IQ> future = new CompletableFuture<>();
        pending.put(request.getID(), future);
        try {
            sendPacket(from, request);
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentException(e);
        } catch (ExecutionException e) {
            throw new ComponentException(e.getCause());
        } finally {
            pending.remove(request.getID());
        }
    }

    @Override
    public void query(Component from, IQ request, IQResultListener resultListener) throws ComponentException {
        CompletableFuture<IQ> future = new CompletableFuture<>();
        pending.put(request.getID(), future);
        try {
            sendPacket(from, request);
        } catch (ComponentException | RuntimeException e) {
            // never sent: nothing will answer, and the caller hears it now rather than as a timeout
            pending.remove(request.getID());
            throw e;
        }
        // attached after the send: an answer that already came completes the future, and this runs at once
        future.orTimeout(QUERY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).whenComplete((iq, error) -> {
            pending.remove(request.getID());
            if (iq != null) {
                resultListener.receivedAnswer(iq);
            } else {
                resultListener.answerTimeout(request.getID());
            }
        });
    }

    @Override
    public void addComponent(String subdomain, Component c) throws ComponentException {
        throw new ComponentException("one component per XEP-0114 connection");
    }

    @Override
    public void removeComponent(String subdomain) throws ComponentException {
        throw new ComponentException("one component per XEP-0114 connection");
    }

    @Override
    public String getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public void setProperty(String name, String value) {
        properties.put(name, value);
    }

    @Override
    public String getServerName() {
        String domain = settings.domain();
        int dot = domain.indexOf('.');
        return dot < 0 ? domain : domain.substring(dot + 1);
    }

    @Override
    public boolean isExternalMode() {
        return true;
    }

    @Override
    public void close() {
        // run's own exit path and the JVM shutdown hook both close
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        keepalive.shutdownNow();
        ComponentSession s = session;
        if (s != null) {
            s.close();
        }
        if (thread == null) {
            return; // never started (SIGTERM during start-up): Tinder's component has nothing to shut down
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        component.shutdown();
    }
}
