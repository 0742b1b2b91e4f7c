package org.smtpplus.core.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.smtpplus.core.merge.Escaping;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.MergeEngine;
import org.smtpplus.core.merge.MergeValues;

/**
 * A mail the relay writes to an account's {@code notify} addresses, from a template the operator can change: a
 * first line {@code Subject: ...}, an empty line, then the plain-text body, both with merge tags
 * ({@code {{name}}}, {@code {{name|fallback}}}). Values cannot break out of the Subject line.
 */
public final class NotificationTemplate {
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

    /** A template shipped in this package, such as {@code bounce-notification.template}. */
    public static NotificationTemplate builtIn(String name) {
        try (InputStream in = NotificationTemplate.class.getResourceAsStream(name)) {
            return parse(new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the built-in " + name, e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is missing when the text is no template
     */
    public static NotificationTemplate parse(String text) {
        String normalised = text.replace("\r\n", "\n");
        int endOfSubject = normalised.indexOf('\n');
        String firstLine = endOfSubject < 0 ? normalised : normalised.substring(0, endOfSubject);
        if (!firstLine.regionMatches(true, 0, SUBJECT_PREFIX, 0, SUBJECT_PREFIX.length())) {
            throw new IllegalArgumentException("A notification template starts with a 'Subject: ...' line, got: " + firstLine);
        }
        String rest = endOfSubject < 0 ? "" : normalised.substring(endOfSubject + 1);
        if (!rest.isEmpty() && !rest.startsWith("\n")) {
            throw new IllegalArgumentException("A notification template has an empty line after its Subject line");
        }
        return new NotificationTemplate(firstLine.substring(SUBJECT_PREFIX.length()).trim(), rest.isEmpty() ? "" : rest.substring(1));
    }

    private final String subject;
    private final String body;

    private NotificationTemplate(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    /** @param values by lower-case tag name */
    public Rendered render(Map<String, String> values) {
        MergeValues merged = LayeredMergeValues.of(List.of(values));
        return new Rendered(MergeEngine.render(subject, merged, Escaping.HEADER), MergeEngine.render(body, merged, Escaping.TEXT));
    }
}
