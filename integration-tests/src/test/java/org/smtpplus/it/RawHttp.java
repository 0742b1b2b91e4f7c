package org.smtpplus.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests written by hand: the JDK's HTTP client will not send a Host header of the caller's choosing.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A GET with this Host header (none when null) and extra header lines; the status and the body, separated by a space. */
    static String get(int port, String path, String host, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        if (host != null) {
            request.append("Host: ").append(host).append("\r\n");
        }
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return send(port, request.append("Connection: close\r\n\r\n").toString());
    }

    static String send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int space = response.indexOf(' ');
            return response.substring(space + 1, space + 4) + " " + response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
