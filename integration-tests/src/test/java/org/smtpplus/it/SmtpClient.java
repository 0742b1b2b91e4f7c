package org.smtpplus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A plain SMTP client that shows every reply code, so tests can assert on exactly what the relay answers.
 * Trusts any certificate: the relay under test uses a self-signed one.
 */
public final class SmtpClient implements AutoCloseable {
    public static final class Reply {
        private final int code;
        private final String text;

        Reply(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        String text() {
            return text;
        }

        boolean isPositive() {
            return code / 100 == 2 || code / 100 == 3;
        }

        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final Reply greeting;

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
        this.greeting = read();
    }

    public static SmtpClient connect(int port) throws IOException {
        return new SmtpClient(new Socket("127.0.0.1", port));
    }

    /**
     * A connection from another loopback address (127.0.0.2, 127.0.0.3...: every address of 127.0.0.0/8 is the local
     * host on Linux), as a second client machine would make.
     */
    static SmtpClient connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new SmtpClient(socket);
    }

    static SmtpClient connectTls(int port) throws IOException {
        return new SmtpClient(trustAll().getSocketFactory().createSocket("127.0.0.1", port));
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        // A message and its final "." are two writes: with Nagle's algorithm the second waits for the server's
        // acknowledgement of the first, which the server delays (RFC 1122 section 4.2.3.2) while it waits for the
        // "." itself: 40 ms a message, which made the benchmark's 8 clients measure 179 msg/s whatever the relay.
        socket.setTcpNoDelay(true);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.out = socket.getOutputStream();
    }

    Reply greeting() {
        return greeting;
    }

    public Reply ehlo() throws IOException {
        return command("EHLO client.example");
    }

    public Reply startTls() throws IOException {
        Reply reply = command("STARTTLS");
        if (reply.code() == 220) {
            SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.startHandshake();
            use(tls);
        }
        return reply;
    }

    public Reply authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    Reply authLogin(String user, String password) throws IOException {
        Reply reply = command("AUTH LOGIN");
        if (reply.code() != 334) {
            return reply;
        }
        reply = command(Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        if (reply.code() != 334) {
            return reply;
        }
        return command(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the relay closed the connection: nothing more to read. */
    boolean closedByRelay() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    Reply mailFrom(String sender) throws IOException {
        return command("MAIL FROM:<" + sender + ">");
    }

    Reply rcptTo(String recipient) throws IOException {
        return command("RCPT TO:<" + recipient + ">");
    }

    /** DATA with the message as given (CRLF line endings expected), dot-stuffed; the reply after the final dot. */
    Reply data(byte[] message) throws IOException {
        Reply reply = command("DATA");
        if (reply.code() != 354) {
            return reply;
        }
        out.write(dotStuff(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    Reply data(String message) throws IOException {
        return data(message.getBytes(StandardCharsets.UTF_8));
    }

    /** One whole transaction; returns the DATA reply, or the first refusal before it. */
    public Reply send(String sender, List<String> recipients, byte[] message) throws IOException {
        Reply reply = mailFrom(sender);
        if (!reply.isPositive()) {
            return reply;
        }
        for (String recipient : recipients) {
            reply = rcptTo(recipient);
            if (!reply.isPositive()) {
                return reply;
            }
        }
        return data(message);
    }

    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Connection closed after " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code = Integer.parseInt(line.substring(0, 3));
        StringBuilder text = new StringBuilder();
        for (String each : lines) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(each.length() > 4 ? each.substring(4) : "");
        }
        return new Reply(code, text.toString());
    }

    private static byte[] dotStuff(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        // RFC 5321 section 4.5.2: a line starting with a period gets one more.
        text = text.replace("\r\n.", "\r\n..");
        if (text.startsWith(".")) {
            text = "." + text;
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static SSLContext trustAll() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException e) {
            // The relay may have closed the connection already.
        } finally {
            socket.close();
        }
    }
}
