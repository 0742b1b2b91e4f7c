package org.smtpplus.webadmin.unsubscribe;

import org.smtpplus.core.merge.HtmlEscaper;
import org.smtpplus.core.token.RecipientToken;

/**
 * The HTML pages of the public listener: whole documents, with their style inline and no script, image or external
 * resource, so that the Content-Security-Policy {@code default-src 'none'} holds. Every value from a token is
 * escaped: an account can name its lists, and an address may hold quotes.
 */
final class UnsubscribePages {
    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
        + "color:#1a1a1a;background:#fff;margin:0;line-height:1.5}"
        + "main{max-width:34rem;margin:4rem auto;padding:0 1.25rem}"
        + "h1{font-size:1.5rem;margin:0 0 1rem}"
        + "p{margin:0 0 1.5rem;overflow-wrap:anywhere}"
        + "button{font:inherit;font-weight:600;color:#fff;background:#1f4fbf;border:0;border-radius:.375rem;"
        + "padding:.75rem 1.5rem;cursor:pointer}"
        + "button:hover{background:#173c92}"
        + "button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}";

    private UnsubscribePages() {
    }

    /** @param action the path the form posts to: the one the link in the mail named */
    static String confirm(RecipientToken token, String action) {
        return page("Unsubscribe",
            "<p>Unsubscribe " + recipient(token) + " from the list " + list(token) + "?</p>\n"
                + "<form method=\"post\" action=\"" + HtmlEscaper.escape(action) + "\">\n"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                + "<button type=\"submit\">Unsubscribe</button>\n"
                + "</form>");
    }

    static String alreadyUnsubscribed(RecipientToken token) {
        return page("Already unsubscribed",
            "<p>" + recipient(token) + " is already unsubscribed from the list " + list(token) + ".</p>");
    }

    static String unsubscribed(RecipientToken token) {
        return page("You are unsubscribed",
            "<p>" + recipient(token) + " will get no more mail from the list " + list(token) + ".</p>");
    }

    static String invalidLink() {
        return page("This unsubscribe link is not valid",
            "<p>It may have been cut short or changed on its way. Use the unsubscribe link of a recent message from "
                + "this list, or ask its sender to remove you.</p>");
    }

    /** A tracked link or open image whose token does not verify (docs/tracking.md). */
    static String invalidTrackedLink() {
        return page("This link is not valid",
            "<p>It may have been cut short or changed on its way. Use the link of a recent message from its sender.</p>");
    }

    static String notFound() {
        return page("Page not found", "<p>There is nothing at this address.</p>");
    }

    static String methodNotAllowed() {
        return page("Method not allowed", "<p>This address only answers GET and POST requests.</p>");
    }

    static String tooManyRequests() {
        return page("Too many requests",
            "<p>Please wait a moment, then try again. Nothing was changed.</p>");
    }

    static String unavailable() {
        return page("Please try again in a minute",
            "<p>The unsubscribe service is briefly unavailable. Nothing was changed.</p>");
    }

    static String failed() {
        return page("Something went wrong",
            "<p>Your request could not be completed. Please try again later.</p>");
    }

    private static String recipient(RecipientToken token) {
        return HtmlEscaper.escape(token.recipient());
    }

    private static String list(RecipientToken token) {
        return "\u201c" + HtmlEscaper.escape(token.list()) + "\u201d";
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html>\n"
            + "<html lang=\"en\">\n"
            + "<head>\n"
            + "<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta name=\"robots\" content=\"noindex\">\n"
            + "<title>" + title + "</title>\n"
            + "<style>" + STYLE + "</style>\n"
            + "</head>\n"
            + "<body>\n"
            + "<main>\n"
            + "<h1>" + title + "</h1>\n"
            + content + "\n"
            + "</main>\n"
            + "</body>\n"
            + "</html>\n";
    }
}
