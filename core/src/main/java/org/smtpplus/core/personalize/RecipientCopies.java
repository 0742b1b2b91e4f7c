package org.smtpplus.core.personalize;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.mime.CopySpec;
import org.smtpplus.core.mime.TextAndHtml;

/**
 * What each recipient's copy of one submission gets: merge values in the precedence of contract section 4
 * (rcptVars, vars, subscriber fields, built-ins), and the account's header and footer unless the directive omits them.
 */
public final class RecipientCopies {
    public static final String DEFAULT_LIST = "default";

    private final Account account;
    private final Directive directive;

    public RecipientCopies(Account account, Directive directive) {
        this.account = account;
        this.directive = directive;
    }

    /** The subscriber list of the submission: the directive's, else the account's default list, else {@code default}. */
    public String list() {
        return directive.list()
            .or(account::defaultList)
            .orElse(DEFAULT_LIST);
    }

    public Optional<String> customId() {
        return directive.customId().or(account::defaultCustomId);
    }

    /** What the events about this submission's copies report under. */
    public EventContext eventContext(String messageId, long size) {
        return new EventContext(account.name(), customId(), directive.tags(), list(), messageId, size);
    }

    public CopySpec specFor(String recipient, Map<String, String> subscriberFields) {
        return CopySpec.builder()
            .recipient(recipient)
            .values(LayeredMergeValues.of(List.of(
                directive.rcptVarsFor(recipient),
                directive.vars(),
                subscriberFields,
                builtIns(recipient))))
            .header(unlessOmitted(account.header(), directive.header()))
            .footer(unlessOmitted(account.footer(), directive.footer()))
            .passthroughHeaders(account.passthroughHeaders())
            .build();
    }

    private Map<String, String> builtIns(String recipient) {
        return Map.of(
            "email", recipient,
            "list", list(),
            "custom_id", customId().orElse(""));
    }

    private static Optional<TextAndHtml> unlessOmitted(Optional<TextAndHtml> template, Optional<Boolean> wanted) {
        if (!wanted.orElse(true)) {
            return Optional.empty();
        }
        return template;
    }
}
