package org.smtpplus.core.directive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.smtpplus.core.json.JsonDescriptions;
import org.smtpplus.core.json.JsonReadException;
import org.smtpplus.core.json.StrictJsonReader;
import org.smtpplus.core.merge.LiteralTags;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads every directive header of a submission: {@code X-SmtpPlus}, SendGrid's {@code X-SMTPAPI} and Mailgun's
 * {@code X-Mailgun-*} (docs/migrating.md). Where they ask for the same thing, {@code X-SmtpPlus} wins, then
 * {@code X-SMTPAPI}, then {@code X-Mailgun-*}, field by field, and key by key within vars, per-recipient vars and
 * unique arguments. Thread-safe.
 */
public final class SubmissionDirectives {
    public static final String SENDGRID_HEADER = SendGridHeaderReader.HEADER_NAME;
    /** A SendGrid header carries a whole batch's recipients and substitutions: more room than X-SmtpPlus has. */
    public static final int MAX_PROVIDER_HEADER_BYTES = 1024 * 1024;
    private static final JsonDescriptions DESCRIPTIONS = JsonDescriptions.PRINTABLE_ASCII;
    private static final StrictJsonReader READER =
        new StrictJsonReader(StrictJsonReader.Decimals.EXACT, DESCRIPTIONS, "an empty value");

    private final Clock clock;
    private final DirectiveParser directiveParser;

    public SubmissionDirectives(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directiveParser = new DirectiveParser(clock);
    }

    /** Whether a header field is one this reads, and so one no copy carries. */
    public static boolean isDirectiveHeader(String name) {
        return name.equalsIgnoreCase(DirectiveParser.HEADER_NAME) || name.equalsIgnoreCase(SENDGRID_HEADER)
            || MailgunHeaderReader.isMailgunHeader(name);
    }

    /**
     * @param headers     every directive header field of the message ({@link #isDirectiveHeader}), name as written and
     *                    raw value (possibly folded, possibly RFC 2047 encoded), in order
     * @param accountPool the IP pool of the submitting account
     */
    public ProviderDirective read(List<Map.Entry<String, String>> headers, Optional<String> accountPool)
        throws InvalidDirectiveException {
        List<String> smtpPlus = new ArrayList<>();
        List<String> sendGrid = new ArrayList<>();
        List<Map.Entry<String, String>> mailgun = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.equalsIgnoreCase(DirectiveParser.HEADER_NAME)) {
                smtpPlus.add(header.getValue());
            } else if (name.equalsIgnoreCase(SENDGRID_HEADER)) {
                sendGrid.add(header.getValue());
            } else if (MailgunHeaderReader.isMailgunHeader(name)) {
                checkSize(name, header.getValue());
                mailgun.add(Map.entry(name, HeaderValueDecoder.decode(header.getValue())));
            }
        }
        once(DirectiveParser.HEADER_NAME, smtpPlus.size());
        once(SENDGRID_HEADER, sendGrid.size());
        Directive own = smtpPlus.isEmpty() ? Directive.EMPTY : directiveParser.parseHeader(smtpPlus.get(0));
        Instant now = clock.instant();
        ProviderDirective fromSendGrid = sendGrid.isEmpty()
            ? new ProviderDirective(Directive.EMPTY, ProviderExtras.NONE)
            : new SendGridHeaderReader(now, accountPool).read(sendGridObject(sendGrid.get(0)));
        ProviderDirective fromMailgun = mailgun.isEmpty()
            ? new ProviderDirective(Directive.EMPTY, ProviderExtras.NONE)
            : new MailgunHeaderReader(now).read(mailgun);
        Directive directive = overlay(own, overlay(fromSendGrid.directive(), fromMailgun.directive()));
        ProviderExtras extras = ProviderExtras.overlay(fromSendGrid.extras(), fromMailgun.extras());
        int tags = extras.literalTagCount();
        if (tags > LiteralTags.MAX_TAGS) {
            // each header's own count was checked: only both together can be beyond
            throw new InvalidDirectiveException(SENDGRID_HEADER, SENDGRID_HEADER, "has " + tags + " literal tags with those of "
                + MailgunHeaderReader.RECIPIENT_VARIABLES + ", more than " + LiteralTags.MAX_TAGS);
        }
        if (own.sendAt().isPresent() && !extras.sendEachAt().isEmpty()) {
            extras = extras.withoutSendEachAt(
                DirectiveParser.HEADER_NAME + " sendAt wins over " + SENDGRID_HEADER + " send_each_at");
        }
        return new ProviderDirective(directive, extras);
    }

    private static void once(String header, int times) throws InvalidDirectiveException {
        if (times > 1) {
            throw new InvalidDirectiveException(header, header, "appears " + times + " times; send one header");
        }
    }

    private static void checkSize(String header, String rawValue) throws InvalidDirectiveException {
        int size = rawValue.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PROVIDER_HEADER_BYTES) {
            throw new InvalidDirectiveException(header, header,
                "must be at most 1 MB (" + MAX_PROVIDER_HEADER_BYTES + " bytes), got " + size + " bytes");
        }
    }

    private static ObjectNode sendGridObject(String rawValue) throws InvalidDirectiveException {
        checkSize(SENDGRID_HEADER, rawValue);
        try {
            return READER.readObject(HeaderValueDecoder.decode(rawValue));
        } catch (JsonReadException e) {
            throw new InvalidDirectiveException(SENDGRID_HEADER, e.path().isEmpty() ? SENDGRID_HEADER : e.path(), e.problem());
        }
    }

    /** {@code top}'s fields where it has them, {@code under}'s elsewhere; vars key by key, names case-insensitive. */
    static Directive overlay(Directive top, Directive under) {
        Directive.Builder builder = Directive.builder()
            .vars(overlay(top.vars(), under.vars()));
        Set<String> addresses = new HashSet<>(under.rcptVars().keySet());
        addresses.addAll(top.rcptVars().keySet());
        addresses.forEach(address -> builder.rcptVars(address, overlay(top.rcptVarsFor(address), under.rcptVarsFor(address))));
        top.sendAt().or(under::sendAt).ifPresent(builder::sendAt);
        top.batchId().or(under::batchId).ifPresent(builder::batchId);
        top.customId().or(under::customId).ifPresent(builder::customId);
        builder.tags(top.tags().isEmpty() ? under.tags() : top.tags());
        top.list().or(under::list).ifPresent(builder::list);
        top.header().or(under::header).ifPresent(builder::header);
        top.footer().or(under::footer).ifPresent(builder::footer);
        top.unsubscribe().or(under::unsubscribe).ifPresent(builder::unsubscribe);
        top.trackOpens().or(under::trackOpens).ifPresent(builder::trackOpens);
        top.trackClicks().or(under::trackClicks).ifPresent(builder::trackClicks);
        return builder.build();
    }

    // Merge-tag names are matched case-insensitively: a name of `top` hides `under`'s in any case.
    private static Map<String, String> overlay(Map<String, String> top, Map<String, String> under) {
        Set<String> topNames = new HashSet<>();
        top.keySet().forEach(name -> topNames.add(name.toLowerCase(Locale.ROOT)));
        Map<String, String> merged = new LinkedHashMap<>();
        under.forEach((name, value) -> {
            if (!topNames.contains(name.toLowerCase(Locale.ROOT))) {
                merged.put(name, value);
            }
        });
        merged.putAll(top);
        return merged;
    }
}
