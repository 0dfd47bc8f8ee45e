package org.jinglegateway.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /health}: 200 {@code ok} while the component is registered with the XMPP server, else 503 with the reason.
 * {@code /metrics}: the Prometheus text format. Everything else goes on to the next handler.
 */
public final class OpsHandler extends Handler.Wrapper {
    private final BooleanSupplier registered;
    private final Supplier<String> metrics;
    /** Lines added to /health's body (a cluster's size); empty for one process. */
    private volatile Supplier<String> detail = () -> "";

    public OpsHandler(BooleanSupplier registered, Supplier<String> metrics, Handler next) {
        super(next);
        this.registered = registered;
        this.metrics = metrics;
    }

    /** Adds lines to /health's body, after its first. */
    public void detail(Supplier<String> lines) {
        this.detail = lines;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if ("/health".equals(path)) {
            boolean ok = registered.getAsBoolean();
            write(response, callback, ok ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                    "text/plain; charset=utf-8", (ok ? "ok\n" : "not registered with the XMPP server\n")
                            + detail.get());
            return true;
        }
        if ("/metrics".equals(path)) {
            write(response, callback, HttpStatus.OK_200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static void write(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
