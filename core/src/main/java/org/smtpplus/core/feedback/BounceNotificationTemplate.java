package org.smtpplus.core.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.MergeEngine;
import org.smtpplus.core.merge.MergeValues;

/**
 * The mail an account's {@code notify} addresses get for each bounce (contract section 5), from a template the
 * operator can change: a first line {@code Subject: ...}, an empty line, then the plain-text body. Both take the merge
 * tags {@code {{recipient}}, {{type}}, {{status}}, {{diagnostic}}, {{at}}, {{account}}, {{messageId}}}; values
 * cannot break out of the Subject line.
 */
public final class BounceNotificationTemplate {
    /** The notification is a plain-text mail with this subject and body. */
    public static final class Rendered {
        private final String subject;
        private final String body;

        private Rendered(String subject, String body) {
            this.subject = subject;
            this.body = body;
        }

        public String subject() {
            return subject;
        }

        public String body() {
            return body;
        }
    }

    private static final String SUBJECT_PREFIX = "Subject:";
    private static final String BUILT_IN = "bounce-notification.template";

    public static BounceNotificationTemplate builtIn() {
        try (InputStream in = BounceNotificationTemplate.class.getResourceAsStream(BUILT_IN)) {
            return parse(new String(Objects.requireNonNull(in, BUILT_IN).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the built-in " + BUILT_IN, e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is missing when the text is no template
     */
    public static BounceNotificationTemplate parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        int endOfSubject = normalised.indexOf('\n');
        String firstLine = endOfSubject < 0 ? normalised : normalised.substring(0, endOfSubject);
        if (!firstLine.regionMatches(true, 0, SUBJECT_PREFIX, 0, SUBJECT_PREFIX.length())) {
            throw new IllegalArgumentException("A bounce notification template starts with a 'Subject: ...' line, got: " + firstLine);
        }
        String rest = endOfSubject < 0 ? "" : normalised.substring(endOfSubject + 1);
        if (!rest.isEmpty() && !rest.startsWith("\n")) {
            throw new IllegalArgumentException("A bounce notification template has an empty line after its Subject line");
        }
        return new BounceNotificationTemplate(firstLine.substring(SUBJECT_PREFIX.length()).trim(), rest.isEmpty() ? "" : rest.substring(1));
    }

    private final String subject;
    private final String body;

    private BounceNotificationTemplate(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    public Rendered render(Bounce bounce) {
        MergeValues values = LayeredMergeValues.of(List.of(Map.of(
            "recipient", bounce.recipient(),
            "type", bounce.type().asJson(),
            "status", bounce.status().orElse("none"),
            "diagnostic", bounce.diagnostic(),
            "at", bounce.at().toString(),
            "account", bounce.account(),
            "messageid", bounce.messageId())));
        return new Rendered(MergeEngine.render(subject, values, Escaping.HEADER), MergeEngine.render(body, values, Escaping.TEXT));
    }
}
