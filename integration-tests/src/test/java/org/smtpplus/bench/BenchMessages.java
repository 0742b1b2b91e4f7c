package org.smtpplus.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The messages the benchmarks send: an order confirmation as applications write them, CRLF line endings, merge
 * tags in the Subject and in both bodies.
 */
final class BenchMessages {
    private BenchMessages() {
    }

    /** multipart/alternative, text and HTML, about {@code approximateBytes} in all (both parts grow together). */
    static String alternative(String messageId, int approximateBytes) {
        StringBuilder text = new StringBuilder("Dear {{name|customer}},\n\n");
        StringBuilder html = new StringBuilder("<html><body><p>Dear {{name|customer}},</p>\n<table>\n");
        for (int line = 1; text.length() + html.length() < approximateBytes - 600; line++) {
            text.append("Item ").append(line).append(" of order {{order}}: a sturdy product, shipped to {{email}}; ")
                .append("quantity 1, price 19.90 EUR.\n");
            html.append("<tr><td>Item ").append(line).append(" of order {{order}}</td><td>a sturdy product, shipped to ")
                .append("{{email}}</td><td>1</td><td>19.90&nbsp;EUR</td></tr>\n");
        }
        text.append("\nThank you for your order {{order}}.\n");
        html.append("</table>\n<p>Thank you for your order {{order}}.</p></body></html>\n");
        return crlf(headers(messageId, "Your order {{order}}") + "Content-Type: multipart/alternative; boundary=\"alt\"\n\n"
            + "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text
            + "--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html
            + "--alt--\n");
    }

    /** multipart/mixed: a short multipart/alternative body and a random binary attachment of {@code attachmentBytes}, base64. */
    static String withAttachment(String messageId, int attachmentBytes) {
        byte[] attachment = new byte[attachmentBytes];
        new Random(7).nextBytes(attachment);
        return crlf(headers(messageId, "Your invoice {{order}}") + "Content-Type: multipart/mixed; boundary=\"mix\"\n\n"
            + "--mix\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
            + "--alt\nContent-Type: text/plain; charset=utf-8\n\nDear {{name|customer}}, your invoice for {{order}} is attached.\n"
            + "--alt\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>Dear {{name|customer}}, your invoice for "
            + "{{order}} is attached.</p></body></html>\n"
            + "--alt--\n"
            + "--mix\nContent-Type: application/pdf; name=\"invoice.pdf\"\n"
            + "Content-Disposition: attachment; filename=\"invoice.pdf\"\nContent-Transfer-Encoding: base64\n\n")
            + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--mix--\r\n";
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }

    private static String headers(String messageId, String subject) {
        return "From: Shop <app@shop.example>\n"
            + "To: customer@example.com\n"
            + "Subject: " + subject + "\n"
            + "Message-ID: <" + messageId + "@shop.example>\n"
            + "MIME-Version: 1.0\n";
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
