package org.smtpplus.mailets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.domain.RelayDomainTakenException;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.event.EventContext;
import org.smtpplus.core.mime.MessageSigner;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;

/**
 * Signs every mail that leaves with DKIM (RFC 6376), as the last step before RemoteDelivery: SMTP+ copies,
 * notifications, DSNs, forwards to the postmaster. An SMTP+ copy (it carries its event context) is signed with the
 * key of its From: domain when that domain, or its nearest registered parent, is registered to the copy's account;
 * anything else with the relay's own key (SMTPPLUS_DKIM_DOMAIN). What a 7-bit transfer cannot carry is re-encoded
 * first, so that RemoteDelivery sends the signed bytes as they are (see docs/deliverability.md).
 *
 * <p>When the store cannot say which key signs, the mail goes back to the spool, to this processor, after
 * {@code <retryDelay>}, as many times as it takes: it never leaves unsigned. So does mail the
 * relay's own key would sign while its domain (SMTPPLUS_DKIM_DOMAIN) is registered to an account, which must never
 * sign other accounts' mail; that is logged as an error. A message that
 * cannot be signed at all (no header jDKIM can read) goes to the error processor.</p>
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code retryDelay} (default {@code 10 seconds}): how long the mail waits in this processor, during a store
 *   outage or while the relay's own domain is registered to an account, before it comes back.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.SignWithDkim"/>
 * }</pre>
 */
public class SignWithDkim extends RetryingMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignWithDkim.class);
    // Every waiting mail is tried again each retry delay: with thousands waiting, one line a minute of each kind says it.
    private final LogThrottle outageLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());
    private final LogThrottle relayDomainLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());

    private final MessageSigner signer;

    @Inject
    public SignWithDkim(SendingDomains domains, Clock clock) {
        this.signer = new MessageSigner(domains, clock);
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        Optional<String> account = MailAttributes.eventContextOf(mail).map(EventContext::account);
        MessageSigner.Signed signed;
        try {
            signed = signer.sign(content(mail), account);
        } catch (StoreUnavailableException e) {
            outageLog.admit().ifPresent(leftOut -> LOGGER.warn("The store is unavailable ({}): {} waits {} before it is signed{}",
                e.getMessage(), mail.getName(), retry().delay(), LogThrottle.leftOut(leftOut)));
            retry().later(getMailetContext(), mail);
            mail.setState(Mail.GHOST);
            return;
        } catch (RelayDomainTakenException e) {
            // An operator's mistake, made while the relay runs (another node, a hand edit): never another's signature.
            relayDomainLog.admit().ifPresent(leftOut -> LOGGER.error("{}: {} waits {} before it is signed{}",
                e.getMessage(), mail.getName(), retry().delay(), LogThrottle.leftOut(leftOut)));
            retry().later(getMailetContext(), mail);
            mail.setState(Mail.GHOST);
            return;
        } catch (IOException e) {
            throw new MessagingException("Could not sign " + mail.getName() + ": " + e.getMessage(), e);
        }
        replaceMessage(mail, signed.message());
        LOGGER.debug("{} signed by {} with selector {}", mail.getName(), signed.domain(), signed.selector());
    }

    private static byte[] content(Mail mail) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MessagingException("Could not read the message of " + mail.getName(), e);
        }
    }

    /**
     * The signed bytes become the message's source, unparsed: James writes an unmodified message from its source, so
     * these are the bytes RemoteDelivery sends.
     */
    private static void replaceMessage(Mail mail, byte[] signed) throws MessagingException {
        MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create(mail.getName() + "-signed", new ByteArrayInputStream(signed));
        if (mail instanceof MailImpl) {
            // MailImpl.setMessage would copy the message once more
            ((MailImpl) mail).setMessageContent(source);
        } else {
            mail.setMessage(new MimeMessageWrapper(source));
        }
    }
}
