package org.smtpplus.core.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The tokens of recipient copies, as the relay writes them into mail and reads them back: the VERP return path, the
 * List-Unsubscribe link and mailto address (contract sections 4 and 5).
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
    private final TokenAddresses addresses;
    private final String publicUrl;

    public RecipientTokens(String secret, TokenAddresses addresses, URI publicUrl) {
        this.returnPaths = new TokenSigner(secret, TokenPurpose.RETURN_PATH);
        this.unsubscribes = new TokenSigner(secret, TokenPurpose.UNSUBSCRIBE);
        this.addresses = addresses;
        String url = publicUrl.toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The token of the copy's VERP return path ({@link TokenAddresses#bounces(String, String)}). */
    public String issueReturnPath(RecipientToken token) {
        return returnPaths.issue(token);
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

    public Optional<RecipientToken> forBounce(String token, Instant now) {
        return returnPaths.verify(token)
            .filter(verified -> !verified.issuedAt().isAfter(now.plus(CLOCK_SKEW)))
            .filter(verified -> !verified.issuedAt().isBefore(now.minus(BOUNCE_WINDOW)));
    }

    /** The verified token of an address of a return-path domain, within its kind's validity. */
    public Optional<Addressed> forAddress(String localPart, String domain, Instant now) {
        return addresses.parse(localPart, domain).flatMap(parsed -> {
            Optional<RecipientToken> token = parsed.kind() == TokenAddresses.Kind.BOUNCES
                ? forBounce(parsed.token(), now)
                : forUnsubscribe(parsed.token());
            return token.map(verified -> new Addressed(parsed.kind(), verified));
        });
    }
}
