package org.smtpplus.it;

/**
 * Messages as sending applications write them, CRLF line endings.
 */
final class Messages {
    private Messages() {
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static String simple(String from, String to, String subject, String body) {
        return crlf("From: " + from + "\n"
            + "To: " + to + "\n"
            + "Subject: " + subject + "\n"
            + "Message-ID: <" + System.nanoTime() + "@shop.example>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: text/plain; charset=us-ascii\n"
            + "\n"
            + body + "\n");
    }

    static String withDirective(String directive, String message) {
        return crlf("X-SmtpPlus: " + directive + "\n") + message;
    }
}
