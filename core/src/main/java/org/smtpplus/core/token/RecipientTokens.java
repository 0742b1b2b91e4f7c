package org.smtpplus.core.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The tokens of recipient copies, as the relay writes them into mail and reads them back: the VERP return path, the
 * List-Unsubscribe link and mailto address (docs/headers.md#what-each-recipient-receives and
 * docs/api.md#public-endpoints), the open-tracking image and the tracked links (docs/tracking.md).
 *
 * <p>A bounce is taken for {@link #BOUNCE_WINDOW} after its copy was sent; later ones are more likely replays than
 * news, and an address that bounces for real will bounce the next copy too. Unsubscribing never expires: a
 * recipient who opens an old message must still be able to leave (CAN-SPAM asks for 30 days at least).
 */
public final class RecipientTokens {
    public static final Duration BOUNCE_WINDOW = Duration.ofDays(30);
    // A token from a node whose clock runs ahead is still ours.
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final String UNSUBSCRIBE_PATH = "/u/";
    private static final String OPEN_PATH = "/o/";
    private static final String CLICK_PATH = "/c/";

    /** A token address whose token verified. */
    public static final class Addressed {
        private final TokenAddresses.Kind kind;
        private final RecipientToken token;

        private Addressed(TokenAddresses.Kind kind, RecipientToken token) {
            this.kind = kind;
            this.token = token;
        }

        public TokenAddresses.Kind kind() {
            return kind;
        }

        public RecipientToken token() {
            return token;
        }
    }

    private final TokenSigner returnPaths;
    private final TokenSigner unsubscribes;
    private final TokenSigner opens;
    private final TokenSigner clicks;
    private final TokenAddresses addresses;
    private final String publicUrl;

    public RecipientTokens(String secret, TokenAddresses addresses, URI publicUrl) {
        this.returnPaths = new TokenSigner(secret, TokenPurpose.RETURN_PATH);
        this.unsubscribes = new TokenSigner(secret, TokenPurpose.UNSUBSCRIBE);
        this.opens = new TokenSigner(secret, TokenPurpose.OPEN);
        this.clicks = new TokenSigner(secret, TokenPurpose.CLICK);
        this.addresses = addresses;
        String url = publicUrl.toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The copy's VERP return path, {@code bounces+TOKEN@returnPathDomain}. At a domain other than the bounce domain
     * the token is bound to that domain ({@link TokenSigner#issueAt}): it is taken there, and only there, for the
     * whole {@link #BOUNCE_WINDOW}, even after the domain stopped being a registered return path (its sending domain
     * was given another one, or deleted), since bounces of copies already sent keep coming for days. The bounce
     * domain's tokens are bound to nothing, as they were before branded return paths.
     */
    public String returnPath(RecipientToken token, String returnPathDomain) {
        String issued = addresses.isBounceDomain(returnPathDomain)
            ? returnPaths.issue(token)
            : returnPaths.issueAt(token, returnPathDomain);
        return addresses.bounces(issued, returnPathDomain);
    }

    /** The token of the copy's unsubscribe link and mailto address. */
    public String issueUnsubscribe(RecipientToken token) {
        return unsubscribes.issue(token);
    }

    public TokenAddresses addresses() {
        return addresses;
    }

    /** {@code SMTPPLUS_PUBLIC_URL/u/TOKEN} */
    public String unsubscribeUrl(String token) {
        return publicUrl + UNSUBSCRIBE_PATH + token;
    }

    /** The List-Unsubscribe value of RFC 2369, the HTTPS link first as RFC 8058 section 3.1 wants it one-click. */
    public String listUnsubscribe(String token) {
        return "<" + unsubscribeUrl(token) + ">, <mailto:" + addresses.unsubscribe(token) + ">";
    }

    public Optional<RecipientToken> forUnsubscribe(String token) {
        return unsubscribes.verify(token);
    }

    /** {@code SMTPPLUS_PUBLIC_URL/o/TOKEN}, the open-tracking image of the copy. */
    public String openUrl(RecipientToken token) {
        return publicUrl + OPEN_PATH + opens.issue(token);
    }

    public Optional<RecipientToken> forOpen(String token) {
        return opens.verify(token);
    }

    /**
     * {@code SMTPPLUS_PUBLIC_URL/c/TOKEN}, the tracked link of the copy to {@code url}, which the token carries; empty
     * for a URL longer than {@link TokenSigner#MAX_TARGET_LENGTH} bytes, which stays untracked.
     */
    public Optional<String> clickUrl(RecipientToken token, String url) {
        if (url.getBytes(StandardCharsets.UTF_8).length > TokenSigner.MAX_TARGET_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(publicUrl + CLICK_PATH + clicks.issueTargeted(token, url));
    }

    /** The copy and the URL of a tracked link's token. */
    public Optional<TokenSigner.Targeted> forClick(String token) {
        return clicks.verifyTargeted(token);
    }

    /**
     * Whether mail to this address is the relay's own, to be taken or refused by it and never relayed: any address of
     * the bounce domain; {@code bounces+...} and {@code unsubscribe+...} at a registered return-path domain; and
     * {@code bounces+TOKEN} at a domain its token is bound to, a return path of a copy the relay sent, registered or
     * not any more. Any other address, at a return-path domain too (which may be the sending domain itself, with its
     * own mailboxes), is someone else's. The one place that decides it, for the RCPT hook, the inbound matcher, the
     * submission and plan hooks and the notifications.
     *
     * @throws org.smtpplus.core.store.StoreUnavailableException when the sending domains were never read yet and the
     *                                                           store cannot answer
     */
    public boolean claims(String localPart, String domain) {
        if (addresses.isBounceDomain(domain)) {
            return true;
        }
        Optional<TokenAddresses.Parsed> parsed = TokenAddresses.parse(localPart);
        if (parsed.isEmpty()) {
            return false;
        }
        // The signature first: it needs no store.
        return parsed.get().kind() == TokenAddresses.Kind.BOUNCES && returnPaths.verifyAt(parsed.get().token(), domain).isPresent()
            || addresses.isRegisteredReturnPath(domain);
    }

    /** The verified token of an address the relay {@link #claims}, within its kind's validity. */
    public Optional<Addressed> forAddress(String localPart, String domain, Instant now) {
        if (!claims(localPart, domain)) {
            return Optional.empty();
        }
        return TokenAddresses.parse(localPart).flatMap(parsed -> {
            Optional<RecipientToken> token = parsed.kind() == TokenAddresses.Kind.BOUNCES
                ? forBounce(parsed.token(), domain, now)
                : forUnsubscribe(parsed.token());
            return token.map(verified -> new Addressed(parsed.kind(), verified));
        });
    }

    private Optional<RecipientToken> forBounce(String token, String domain, Instant now) {
        Optional<RecipientToken> verified = addresses.isBounceDomain(domain)
            ? returnPaths.verify(token)
            : returnPaths.verifyAt(token, domain);
        return verified
            .filter(fields -> !fields.issuedAt().isAfter(now.plus(CLOCK_SKEW)))
            .filter(fields -> !fields.issuedAt().isBefore(now.minus(BOUNCE_WINDOW)));
    }
}
