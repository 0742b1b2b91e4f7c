package org.smtpplus.mailets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.bounce.Bounce;
import org.smtpplus.core.feedback.BounceNotificationTemplate;
import org.smtpplus.core.token.TokenAddresses;

/**
 * Mails each bounce to the {@code notify} addresses of the account that sent the copy (contract section 5).
 *
 * <p>A notification can never start a loop: its envelope sender is {@code mailer-daemon@BOUNCE_DOMAIN}, an address the
 * relay refuses at RCPT (so whatever bounces or answers it ends there, and a bounce the relay builds itself is
 * ignored by {@link HandleBounceDomainMail}); it is marked {@code Auto-Submitted: auto-generated} (RFC 3834 section 5,
 * so nothing auto-replies); it carries no SMTP+ marker (so it is no copy and reports nothing); and it never goes to
 * an address of the bounce domain. The sender is not null, as RFC 5321 section 4.5.5 would allow, because some
 * receivers (GreenMail among them) take a null reverse path for a missing one.
 */
final class BounceNotifier {
    private static final Logger LOGGER = LoggerFactory.getLogger(BounceNotifier.class);
    private static final String MAILER_DAEMON = "mailer-daemon";

    private final AccountRepository accounts;
    private final TokenAddresses addresses;
    private final BounceNotificationTemplate template;

    BounceNotifier(AccountRepository accounts, TokenAddresses addresses, BounceNotificationTemplate template) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.template = template;
    }

    void notify(MailetContext context, Bounce bounce) throws MessagingException {
        Optional<Account> account = accounts.get(bounce.account());
        List<MailAddress> recipients = new ArrayList<>();
        for (String address : account.map(Account::notifyAddresses).orElse(List.of())) {
            MailAddress recipient = new MailAddress(address);
            if (!addresses.isInBounceDomain(recipient.getDomain().asString())) {
                recipients.add(recipient);
            }
        }
        if (recipients.isEmpty()) {
            return;
        }
        BounceNotificationTemplate.Rendered rendered = template.render(bounce);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(from());
        for (MailAddress recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, recipient.toInternetAddress().orElseThrow());
        }
        message.setSubject(rendered.subject(), "UTF-8");
        message.setText(rendered.body(), "UTF-8");
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        MailImpl mail = MailImpl.builder()
            .name("smtpplus-bounce-notification-" + UUID.randomUUID())
            .sender(new MailAddress(MAILER_DAEMON, addresses.bounceDomain()))
            .addRecipients(recipients)
            .mimeMessage(message)
            .build();
        try {
            context.sendMail(mail);
            LOGGER.info("Notified {} of the {} bounce of {} (account {})", recipients, bounce.type().asJson(), bounce.recipient(), bounce.account());
        } finally {
            mail.dispose();
        }
    }

    private InternetAddress from() throws AddressException {
        return new InternetAddress("SMTP+ relay <" + MAILER_DAEMON + "@" + addresses.bounceDomain() + ">");
    }
}
