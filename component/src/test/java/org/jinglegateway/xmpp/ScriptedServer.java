package org.jinglegateway.xmpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal XEP-0114 server for socket tests of the connector (the harness has a fuller one for e2e tests). */
final class ScriptedServer implements AutoCloseable {
    final ServerSocket server;

    ScriptedServer() throws IOException {
        this(0);
    }

    ScriptedServer(int port) throws IOException {
        server = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        server.setSoTimeout(15_000);
    }

    int port() {
        return server.getLocalPort();
    }

    Peer accept() throws IOException {
        Socket s = server.accept();
        s.setSoTimeout(10_000);
        return new Peer(s);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One connection from the connector. */
    static final class Peer implements AutoCloseable {
        final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Peer(Socket socket) {
            this.socket = socket;
        }

        String readUntil(String marker) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (!received.toString(StandardCharsets.UTF_8).contains(marker)) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("closed before " + marker + "; got " + received);
                }
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        void send(String xml) throws IOException {
            socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        void header() throws IOException {
            readUntil(">");
            send("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " from='gw.localhost' id='s1'>");
        }

        void handshake() throws IOException {
            header();
            readUntil("</handshake>");
            send("<handshake/>");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
