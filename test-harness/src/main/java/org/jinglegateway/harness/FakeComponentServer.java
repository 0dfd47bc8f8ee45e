package org.jinglegateway.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A scripted XEP-0114 server on loopback, for what a real server would never send (restricted XML, oversize
 * stanzas). Each {@link #accept()} takes one connection from the gateway; the test then scripts the exchange.
 */
public final class FakeComponentServer implements AutoCloseable {
    private final ServerSocket server;

    public FakeComponentServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setSoTimeout(20_000);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits for the gateway to connect. */
    public Connection accept() throws IOException {
        Socket s = server.accept();
        s.setSoTimeout(10_000);
        return new Connection(s);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One connection from the gateway. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads until the gateway has sent {@code marker} (everything received so far counts). */
        public String readUntil(String marker) throws IOException {
            byte[] buffer = new byte[4096];
            while (!received().contains(marker)) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the gateway closed the connection before sending " + marker
                            + "; received: " + received());
                }
                received.write(buffer, 0, n);
            }
            return received();
        }

        /** Reads until the gateway closes the connection (or the timeout passes) and returns all received. */
        public String readToEnd() throws IOException {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("the gateway did not close the connection; received: " + received(), e);
            } catch (IOException e) {
                // reset by peer after its stream error: what arrived is what counts
            }
            return received();
        }

        public String received() {
            return received.toString(StandardCharsets.UTF_8);
        }

        public void send(String xml) throws IOException {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Answers the gateway's stream header with {@code prologue} + our header, then accepts its handshake. */
        public void handshake(String prologue) throws IOException {
            readUntil(">");
            send(prologue + "<stream:stream xmlns='jabber:component:accept'"
                    + " xmlns:stream='http://etherx.jabber.org/streams' from='gw.localhost' id='fake1'>");
            readUntil("</handshake>");
            send("<handshake/>");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
