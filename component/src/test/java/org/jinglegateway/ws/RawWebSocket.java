package org.jinglegateway.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** RFC 6455 by hand, for tests that need a client which sends nothing it was not told to (not even a pong). */
final class RawWebSocket {
    private RawWebSocket() {
    }

    /** Sends the upgrade, reads the 101 response head; returns the stream positioned at the first frame. */
    static DataInputStream upgrade(Socket s, int port) throws IOException {
        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return in;
    }

    /** One masked text frame (clients must mask, RFC 6455 §5.3); short texts only. */
    static void sendText(Socket s, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        OutputStream out = s.getOutputStream();
        out.write(0x81);
        out.write(0x80 | payload.length);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /** Reads (and drops) frames up to the server's close frame; returns its status code. */
    static int readUntilClose(DataInputStream in) throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (opcode == 0x8) {
                int status = in.readUnsignedShort();
                in.skipNBytes(length - 2);
                return status;
            }
            in.skipNBytes(length);
        }
    }
}
