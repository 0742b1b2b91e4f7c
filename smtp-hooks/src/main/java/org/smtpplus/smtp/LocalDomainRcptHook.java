package org.smtpplus.smtp;

import java.time.Duration;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.settings.SmtpPlusSettings;

import com.google.common.base.Ticker;

/**
 * The relay keeps no mailboxes: a recipient of one of James's local domains ({@code localhost}, and any other the
 * operator added) is refused at RCPT, from anyone, authenticated or not, so that nothing is ever delivered locally (a
 * local delivery keeps whole messages in memory). The one exception is the postmaster (RFC 5321 section 4.5.1), taken
 * when {@code smtpplus.postmaster} names the operator's address to forward it to (see {@code ForwardPostmasterMail}).
 * The addresses of the bounce domain and of the return-path domains are {@link BounceDomainRcptHook}'s, which runs
 * first (none of them is a local domain, so this hook would leave them alone anyway). Other domains are left to the
 * rest of the chain, so this never opens a relay.
 */
public class LocalDomainRcptHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalDomainRcptHook.class);
    static final String REFUSED_METRIC = "smtpplus_local_recipient_refused";
    private static final String POSTMASTER = "postmaster";

    private final DomainList domains;
    private final SmtpPlusSettings settings;
    private final MetricFactory metrics;
    private final LogThrottle refusedLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());

    @Inject
    public LocalDomainRcptHook(DomainList domains, SmtpPlusSettings settings, MetricFactory metrics) {
        this.domains = domains;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        try {
            if (!domains.containsDomain(rcpt.getDomain())) {
                return HookResult.DECLINED;
            }
        } catch (DomainListException e) {
            LOGGER.warn("Cannot tell whether {} is a local domain", rcpt.getDomain().asString(), e);
            // RFC 3463: X.3.0 mail system status, temporary
            return SmtpReplies.temporary("451", "4.3.0", "Temporary failure, try again later");
        }
        if (settings.postmaster().isPresent() && rcpt.getLocalPart().toLowerCase(Locale.ROOT).equals(POSTMASTER)) {
            return HookResult.builder().hookReturnCode(HookReturnCode.ok()).build();
        }
        metrics.generate(REFUSED_METRIC).increment();
        // A stranger can send any number of such RCPTs: at most one line a minute.
        refusedLog.admit().ifPresent(leftOut -> LOGGER.info("Refused RCPT of local domain {} from {} (session {}): this relay keeps no mailboxes{}",
            rcpt.getDomain().asString(), session.getRemoteAddress().getAddress().getHostAddress(), session.getSessionID(),
            LogThrottle.leftOut(leftOut)));
        // RFC 3463: X.1.1 bad destination mailbox address
        return SmtpReplies.permanent("550", "5.1.1", "No such mailbox: this relay delivers no mail locally");
    }
}
