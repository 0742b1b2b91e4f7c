package org.smtpplus.mailets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.settings.SmtpPlusSettings;

/**
 * For the {@code local-delivery} processor of a relay that keeps no mailboxes. RFC 5321 section 4.5.1 wants mail to
 * the postmaster accepted: a recipient that is the postmaster of a local domain is forwarded to
 * {@code smtpplus.postmaster} (SMTPPLUS_POSTMASTER), the operator's own address, in a copy sent to {@code <processor>}
 * (default {@code relay}), and taken off this mail. The copy's envelope sender is the operator's address too: the
 * original sender may be forged, and must not get the bounce of a forward the operator's server refuses (James's
 * RemoteDelivery would drop one with a null reverse path without a trace); the operator gets it. Without that setting
 * nothing is forwarded (the SMTP server refuses such recipients already, see {@code LocalDomainRcptHook}). Other
 * recipients stay, for the next mailet; the shipped configuration keeps them in a repository for the operator.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code processor} (default {@code relay}): the processor the forward to the operator is sent to.</li>
 * </ul>
 * Any other parameter fails the mailet's start.
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.ForwardPostmasterMail">
 *     <processor>relay</processor>
 * </mailet>
 * }</pre>
 */
public class ForwardPostmasterMail extends SmtpPlusMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardPostmasterMail.class);
    private static final String POSTMASTER = "postmaster";
    private static final String PROCESSOR = "processor";

    private final SmtpPlusSettings settings;
    private String processor;

    @Inject
    public ForwardPostmasterMail(SmtpPlusSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(PROCESSOR));
        processor = getInitParameter(PROCESSOR, "relay");
    }

    @Override
    protected void process(Mail mail) throws MessagingException {
        Optional<String> operator = settings.postmaster();
        if (operator.isEmpty()) {
            return;
        }
        List<MailAddress> postmasters = mail.getRecipients().stream().filter(this::isPostmaster).collect(Collectors.toList());
        if (postmasters.isEmpty()) {
            return;
        }
        MailAddress operatorAddress = new MailAddress(operator.get());
        if (getMailetContext().isLocalServer(operatorAddress.getDomain())) {
            // A local address would bring the forward back here, for ever: the mail stays, for the repository.
            LOGGER.error("{}: not forwarded to {}, an address of a local domain; set {} to an address elsewhere",
                mail.getName(), operatorAddress, SmtpPlusSettings.POSTMASTER);
            return;
        }
        MailImpl forward = MailImpl.builder()
            .name(mail.getName() + "-postmaster")
            .sender(operatorAddress)
            .addRecipient(operatorAddress)
            .remoteAddr(mail.getRemoteAddr())
            .remoteHost(mail.getRemoteHost())
            .mimeMessage(mail.getMessage())
            .build();
        try {
            getMailetContext().sendMail(forward, processor);
        } finally {
            forward.dispose();
        }
        LOGGER.info("{}: mail to {} forwarded to the postmaster address {}", mail.getName(), postmasters, operator.get());
        mail.setRecipients(mail.getRecipients().stream().filter(recipient -> !postmasters.contains(recipient)).collect(Collectors.toList()));
        if (mail.getRecipients().isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private boolean isPostmaster(MailAddress recipient) {
        return recipient.equals(getMailetContext().getPostmaster())
            || (recipient.getLocalPart().toLowerCase(Locale.ROOT).equals(POSTMASTER)
                && getMailetContext().isLocalServer(recipient.getDomain()));
    }
}
