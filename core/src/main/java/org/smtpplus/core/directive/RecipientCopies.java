package org.smtpplus.core.directive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.merge.LayeredMergeValues;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.mime.CopySpec;
import org.smtpplus.core.mime.CopyTracking;
import org.smtpplus.core.mime.LinkRewriter;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.suppression.Suppression;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.tracking.RedirectLocation;
import org.smtpplus.core.tracking.TrackingSettings;

/**
 * What each recipient's copy of one submission gets: merge values in the precedence of docs/headers.md#merge-tags
 * (rcptVars, vars, subscriber fields, built-ins), and the account's header and footer unless the directive omits them.
 */
public final class RecipientCopies {
    public static final String DEFAULT_LIST = "default";

    private final Account account;
    private final Directive directive;
    private final ProviderExtras extras;

    public RecipientCopies(Account account, Directive directive) {
        this(account, directive, ProviderExtras.NONE);
    }

    public RecipientCopies(Account account, Directive directive, ProviderExtras extras) {
        this.account = account;
        this.directive = directive;
        this.extras = extras;
    }

    /** The token of one recipient's copy: its VERP return path, unsubscribe link and mailto address. */
    public RecipientToken tokenFor(String messageId, String recipient, Instant issuedAt) {
        return new RecipientToken(account.name(), list(), messageId, recipient, issuedAt);
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
        return new EventContext(account.name(), customId(), directive.tags(), list(), messageId, size, extras.uniqueArgs());
    }

    /**
     * @param copy                 the copy's token ({@link #tokenFor}), from which its unsubscribe link and headers,
     *                             its open image and its tracked links are signed
     * @param literalTagsInMessage the literal tags found in the message ({@code ParsedMessage#literalTagCounts}): the
     *                             copy's values are worked out for those only
     */
    public CopySpec specFor(String recipient, Map<String, String> subscriberFields, RecipientToken copy, RecipientTokens tokens,
                            Set<String> literalTagsInMessage) {
        String token = tokens.issueUnsubscribe(copy);
        String unsubscribeUrl = tokens.unsubscribeUrl(token);
        Optional<TextAndHtml> header = unlessOmitted(account.header(), directive.header());
        // SendGrid's footer filter brings the message's own footer, its subscription tracking a text after it
        Optional<TextAndHtml> footer = followedBy(unlessOmitted(extras.footer().or(account::footer), directive.footer()),
            extras.unsubscribeText());
        List<String> decorationTexts = Stream.of(header, footer).flatMap(Optional::stream).map(TextAndHtml::text)
            .flatMap(Optional::stream).collect(Collectors.toList());
        CopySpec.Builder spec = CopySpec.builder()
            .recipient(recipient)
            .values(LayeredMergeValues.of(List.of(
                directive.rcptVarsFor(recipient),
                directive.vars(),
                subscriberFields,
                builtIns(recipient, unsubscribeUrl))))
            .literals(extras.literalsFor(recipient, unsubscribeUrl, literalTagsInMessage))
            .header(header)
            .footer(footer)
            .passthroughHeaders(account.passthroughHeaders())
            .tracking(tracking(copy, unsubscribeUrl, tokens, decorationTexts));
        if (directive.unsubscribe().orElse(true)) {
            spec.listUnsubscribe(tokens.listUnsubscribe(token));
        }
        return spec.build();
    }

    /** Whether the copies' opens and clicks are tracked: the account's setting, overridden by the directive's. */
    public TrackingSettings tracking() {
        return account.tracking().overriddenBy(directive.trackOpens(), directive.trackClicks());
    }

    // A link with no redirect location is left as it is: its click would otherwise be an error page.
    private CopyTracking tracking(RecipientToken copy, String unsubscribeUrl, RecipientTokens tokens, List<String> decorationTexts) {
        TrackingSettings settings = tracking();
        return CopyTracking.of(
            settings.opens() ? Optional.of(tokens.openUrl(copy)) : Optional.empty(),
            settings.clicks() ? Optional.of(new LinkRewriter(unsubscribeUrl, url -> RedirectLocation.of(url).isPresent()
                ? tokens.clickUrl(copy, url) : Optional.empty())) : Optional.empty(),
            decorationTexts);
    }

    private Map<String, String> builtIns(String recipient, String unsubscribeUrl) {
        return Map.of(
            "email", recipient,
            "list", list(),
            "custom_id", customId().orElse(""),
            "unsubscribe_url", unsubscribeUrl);
    }

    /** The literal tags the submission's text is to be parsed with ({@code ParsedMessage.parse}). */
    public LiteralTags literalTags() {
        return extras.literalTags();
    }

    /** What the submission's provider headers asked that has no meaning here. */
    public List<String> ignored() {
        return extras.ignored();
    }

    /** Whether a suppression keeps this submission's copy from its recipient. */
    public boolean suppresses(Suppression suppression) {
        // SendGrid's bypass_list_management passes what the recipients or the sender chose; a bounce or a complaint
        // still suppresses, as mailing those harms the reputation every account of the relay shares
        return !extras.bypassListManagement() || !suppression.reason().isListManagement();
    }

    private static Optional<TextAndHtml> followedBy(Optional<TextAndHtml> first, Optional<TextAndHtml> then) {
        if (then.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return then;
        }
        return Optional.of(TextAndHtml.of(joined(first.get().text(), then.get().text(), "\n"),
            joined(first.get().html(), then.get().html(), "\n")));
    }

    private static String joined(Optional<String> first, Optional<String> then, String separator) {
        if (first.isPresent() && then.isPresent()) {
            return first.get() + separator + then.get();
        }
        return first.or(() -> then).orElse(null);
    }

    private static Optional<TextAndHtml> unlessOmitted(Optional<TextAndHtml> template, Optional<Boolean> wanted) {
        if (!wanted.orElse(true)) {
            return Optional.empty();
        }
        return template;
    }
}
