package org.smtpplus.smtp;

import java.time.Clock;
import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientTokens;

import com.google.common.base.Ticker;

/**
 * Inbound mail to the addresses the relay claims ({@link RecipientTokens#claims}, docs/headers.md): the relay takes
 * exactly the VERP addresses ({@code bounces+TOKEN}) and unsubscribe addresses ({@code unsubscribe+TOKEN}) whose
 * token verifies, from anyone, and refuses every other address it claims: any of the bounce domain, and token local
 * parts of a return-path domain. It must run before James's own RCPT hooks, which would refuse mail for addresses
 * that are no James users, or, since these are no local domains, refuse a stranger's mail as relaying. Every other
 * address, including the mailboxes of a sending domain that is its own return path, is left to the rest of the chain,
 * so this never opens a relay.
 */
public class BounceDomainRcptHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceDomainRcptHook.class);
    static final String REFUSED_METRIC = "smtpplus_inbound_refused";

    private final RecipientTokens tokens;
    private final MetricFactory metrics;
    private final LogThrottle refusedLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());
    private final Clock clock;

    @Inject
    public BounceDomainRcptHook(RecipientTokens tokens, MetricFactory metrics, Clock clock) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            if (!tokens.claims(rcpt.getLocalPart(), rcpt.getDomain().asString())) {
                return HookResult.DECLINED;
            }
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
        if (tokens.forAddress(rcpt.getLocalPart(), rcpt.getDomain().asString(), clock.instant()).isPresent()) {
            return HookResult.builder().hookReturnCode(HookReturnCode.ok()).build();
        }
        metrics.generate(REFUSED_METRIC).increment();
        // The token is logged shortened: it is a credential for the recipient's unsubscribe. A stranger can send any
        // number of such RCPTs: at most one line a minute.
        refusedLog.admit().ifPresent(leftOut -> LOGGER.info("Refused RCPT {}... from {} (session {}): no valid token at a return-path domain{}",
            abbreviated(rcpt.asString()), session.getRemoteAddress().getAddress().getHostAddress(), session.getSessionID(),
            LogThrottle.leftOut(leftOut)));
        // RFC 3463: X.1.1 bad destination mailbox address
        return SmtpReplies.permanent("550", "5.1.1", "No such address: its token is invalid or expired");
    }

    private static String abbreviated(String address) {
        return address.length() <= 24 ? address : address.substring(0, 24);
    }
}
