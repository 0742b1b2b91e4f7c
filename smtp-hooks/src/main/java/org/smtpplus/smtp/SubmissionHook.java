package org.smtpplus.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.address.EmailAddresses;
import org.smtpplus.core.directive.ProviderDirective;
import org.smtpplus.core.directive.RecipientCopies;
import org.smtpplus.core.directive.ProviderExtras;
import org.smtpplus.core.directive.SubmissionDirectives;
import org.smtpplus.core.directive.InvalidDirectiveException;
import org.smtpplus.core.mime.MessageIds;
import org.smtpplus.core.merge.LiteralTags;
import org.smtpplus.core.mime.MessageLimits;
import org.smtpplus.core.mime.ParsedMessage;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.token.RecipientToken;
import org.smtpplus.core.token.RecipientTokens;

/**
 * At the end of DATA, before James queues a submission: the account's size limit, the From: authorization, the
 * message limits of docs/headers.md (MessageLimits) and the X-SmtpPlus directive, so that the client learns of a bad
 * message at once and nothing bad is queued. An accepted submission is marked with {@link MailAttributes} for
 * the SMTP+ mailets, and gets the Message-ID ({@code <UNIQUE@SMTPPLUS_HOSTNAME>}) and Date (the time of acceptance)
 * it lacks, as RFC 6409 sections 8.2 and 8.3 let a submission server do: RFC 5322 section 3.6 requires a Date and
 * asks for a Message-ID, and receivers score a message without them as spam. Added here, once, every copy and every
 * event of the message share them.
 */
public class SubmissionHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SubmissionHook.class);
    private static final int MAX_MESSAGE_ID_LENGTH = 100;

    private final SessionAccounts sessionAccounts;
    private final SubmissionDirectives directives;
    private final DomainList domains;
    private final SubmissionEvents events;
    private final RecipientTokens tokens;
    private final SmtpPlusSettings settings;

    @Inject
    public SubmissionHook(SessionAccounts sessionAccounts, SubmissionDirectives directives, SubmissionEvents events,
                          RecipientTokens tokens, SmtpPlusSettings settings, DomainList domains) {
        this.sessionAccounts = sessionAccounts;
        this.directives = directives;
        this.domains = domains;
        this.events = events;
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<Account> submitter;
        try {
            // Bounces, reports and unsubscribe mails, even from an account or a trusted network, are no submission.
            if (toRelayAddressesOnly(mail)) {
                return HookResult.DECLINED;
            }
            submitter = sessionAccounts.submitter(session);
        } catch (StoreUnavailableException e) {
            return SmtpReplies.storeUnavailable();
        }
        if (submitter.isEmpty()) {
            return HookResult.DECLINED;
        }
        Account account = submitter.get();
        try {
            Optional<HookResult> refusal = refusal(account, mail);
            if (refusal.isPresent()) {
                return rejected(account, mail, refusal.get());
            }
            accept(account, mail, FutureReleaseHook.releaseAt(session));
            return HookResult.DECLINED;
        } catch (InvalidDirectiveException e) {
            return rejected(account, mail, SmtpReplies.permanent("550", "5.6.0", e.getMessage()));
        } catch (StoreUnavailableException e) {
            // the X-SMTPAPI recipients are checked against the relay's own addresses, which the store may hold
            return SmtpReplies.storeUnavailable();
        } catch (DomainListException e) {
            LOGGER.warn("Cannot tell whether the X-SMTPAPI recipients of {} are in a local domain", mail.getName(), e);
            // RFC 3463: X.3.0 mail system status, temporary
            return SmtpReplies.temporary("451", "4.3.0", "Temporary failure, try again later");
        } catch (MessagingException e) {
            LOGGER.warn("Could not read the message of {} for account {}", mail.getName(), account.name(), e);
            return SmtpReplies.permanent("554", "5.6.0", "Unreadable message: " + e.getMessage());
        }
    }

    private boolean toRelayAddressesOnly(Mail mail) {
        return mail.getRecipients().stream()
            .allMatch(recipient -> tokens.claims(recipient.getLocalPart(), recipient.getDomain().asString()));
    }

    private HookResult rejected(Account account, Mail mail, HookResult refusal) {
        try {
            events.rejected(account, messageId(mail), mail.getMessageSize(), mail.getRecipients(), refusal);
        } catch (MessagingException e) {
            LOGGER.warn("Could not record the rejection of {} for account {}", mail.getName(), account.name(), e);
        }
        return refusal;
    }

    // Every later event of the message reports the id fixed here. Each copy's tokens carry it, and their return path
    // must stay a valid SMTP path (RFC 5321 section 4.5.3.1.3: 256 octets): an absurdly long Message-ID is replaced by
    // the mail's own name.
    private static String messageId(Mail mail) throws MessagingException {
        return Optional.ofNullable(mail.getMessage().getMessageID())
            .filter(id -> id.length() <= MAX_MESSAGE_ID_LENGTH)
            .orElse(mail.getName());
    }

    private static Optional<HookResult> refusal(Account account, Mail mail) throws MessagingException {
        long size = mail.getMessageSize();
        if (size > account.maxMessageKb() * 1024L) {
            // RFC 3463: X.3.4 message too big for system
            return Optional.of(SmtpReplies.permanent("552", "5.3.4", "Message of " + (size + 1023) / 1024
                + " KB exceeds the " + account.maxMessageKb() + " KB limit of account " + account.name()));
        }
        List<String> from = fromAddresses(mail.getMessage());
        for (String address : from) {
            if (!account.isSenderAuthorized(address)) {
                return Optional.of(SmtpReplies.permanent("550", "5.7.1",
                    "From: <" + address + "> is not authorized for account " + account.name()));
            }
        }
        // A null envelope sender (MAIL FROM:<>) passes the MAIL FROM check, so the From: header is all that says who
        // the message is from: an account that may send as some senders only must name one.
        if (from.isEmpty() && account.restrictsSenders()) {
            return Optional.of(SmtpReplies.permanent("550", "5.7.1",
                "A From: header with an address is required: account " + account.name() + " may send as its authorized senders only"));
        }
        // Refused now what the personaliser would refuse after the 250 (nesting, boundaries, decoded lines beyond the
        // limits that keep its work linear): the client learns why, and no accepted mail ends in the error repository.
        Optional<String> beyondLimits = beyondLimits(mail);
        if (beyondLimits.isPresent()) {
            // RFC 3463: X.6.0 other or undefined media error
            return Optional.of(SmtpReplies.permanent("554", "5.6.0", beyondLimits.get()));
        }
        return Optional.empty();
    }

    private static Optional<String> beyondLimits(Mail mail) throws MessagingException {
        try (InputStream message = new MimeMessageInputStream(mail.getMessage())) {
            return MessageLimits.check(message);
        } catch (IOException e) {
            throw new MessagingException("Could not read the message of " + mail.getName(), e);
        }
    }

    // The From: fields themselves: MimeMessage.getFrom() would answer with the Sender: field when From: is absent.
    // RFC 5322 section 3.6.2 allows several mailboxes in one From:, and a message may carry several From: fields: each
    // address of each is checked.
    private static List<String> fromAddresses(MimeMessage message) throws MessagingException {
        String[] fields = message.getHeader("From");
        List<String> addresses = new ArrayList<>();
        for (String field : fields == null ? new String[0] : fields) {
            for (InternetAddress address : InternetAddress.parseHeader(MimeUtility.unfold(field), false)) {
                // RFC 5322 section 3.4: a group ("undisclosed:;") names its members, if any, not an address of its own
                InternetAddress[] mailboxes = address.isGroup() ? address.getGroup(false) : new InternetAddress[] {address};
                for (InternetAddress mailbox : mailboxes == null ? new InternetAddress[0] : mailboxes) {
                    if (mailbox.getAddress() != null && !mailbox.getAddress().isBlank()) {
                        addresses.add(mailbox.getAddress());
                    }
                }
            }
        }
        return addresses;
    }

    private void accept(Account account, Mail mail, Optional<Instant> futureRelease)
        throws MessagingException, InvalidDirectiveException, DomainListException {
        MimeMessage message = mail.getMessage();
        ProviderDirective read = directives.read(directiveHeaders(message), account.ipPool());
        Collection<MailAddress> recipients = recipients(account, mail, read.extras());
        checkCopySize(account, mail, read, recipients);
        Instant acceptedAt = events.now();
        if (isMissing(message, "Message-ID")) {
            message.setHeader("Message-ID", MessageIds.generate(settings.sending().hostname()));
        }
        if (isMissing(message, "Date")) {
            message.setSentDate(Date.from(acceptedAt));
        }
        String messageId = messageId(mail);
        RawHeaderValues.encodeNonAscii(message);
        MailAttributes.setAccount(mail, account.name());
        MailAttributes.setDirective(mail, read.directive());
        if (!read.extras().isEmpty()) {
            MailAttributes.setProviderExtras(mail, read.extras().toJson());
        }
        if (!read.extras().ignored().isEmpty()) {
            LOGGER.info("{} of account {}: ignored {}", messageId, account.name(), read.extras().ignored());
        }
        mail.setRecipients(recipients);
        MailAttributes.setMessageId(mail, messageId);
        // The accepted events are recorded once the mail is processed: James may still fail to queue it after this hook.
        MailAttributes.setAcceptedAt(mail, acceptedAt);
        futureRelease.ifPresent(at -> MailAttributes.setFutureRelease(mail, at));
    }

    /**
     * SendGrid's and Mailgun's values are worked out for each copy after the 250: how large a copy can grow by them is
     * checked now, on the message parsed with their tags (only a message that has some is parsed here).
     */
    private void checkCopySize(Account account, Mail mail, ProviderDirective read, Collection<MailAddress> recipients)
        throws MessagingException, InvalidDirectiveException {
        LiteralTags tags = read.extras().literalTags();
        if (tags.isEmpty()) {
            return;
        }
        Map<String, Long> counts;
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            counts = ParsedMessage.parse(in, tags).literalTagCounts();
        } catch (IOException e) {
            throw new MessagingException("Could not read the message of " + mail.getName(), e);
        }
        read.extras().checkCopySize(counts, mail.getMessageSize(), longestUnsubscribeUrl(account, read, recipients),
            account.maxMessageKb() * 1024L);
    }

    // The unsubscribe URL's token names the recipient: the longest address gives the longest URL.
    private long longestUnsubscribeUrl(Account account, ProviderDirective read, Collection<MailAddress> recipients) {
        String longest = recipients.stream().map(MailAddress::asString).max(Comparator.comparingInt(String::length)).orElse("");
        RecipientToken token = new RecipientCopies(account, read.directive(), read.extras())
            .tokenFor("x".repeat(MAX_MESSAGE_ID_LENGTH), longest, events.now());
        return tokens.unsubscribeUrl(tokens.issueUnsubscribe(token)).length();
    }

    private static List<Map.Entry<String, String>> directiveHeaders(MimeMessage message) throws MessagingException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
            Header header = all.nextElement();
            if (SubmissionDirectives.isDirectiveHeader(header.getName())) {
                headers.add(Map.entry(header.getName(), RawHeaderValues.utf8(header.getValue())));
            }
        }
        return headers;
    }

    /**
     * The envelope's recipients and SendGrid's {@code to}, each address once (SendGrid would send a copy to each of
     * both lists, docs/migrating.md#sendgrid). The {@code to} addresses never passed the RCPT hooks: the same limits
     * hold for them here.
     */
    private Collection<MailAddress> recipients(Account account, Mail mail, ProviderExtras extras)
        throws InvalidDirectiveException, DomainListException {
        Map<String, MailAddress> recipients = new LinkedHashMap<>();
        mail.getRecipients().forEach(recipient -> recipients.put(EmailAddresses.normalise(recipient.asString()), recipient));
        List<String> to = extras.to();
        for (int i = 0; i < to.size(); i++) {
            String field = "to[" + i + "]";
            MailAddress address;
            try {
                address = new MailAddress(to.get(i));
            } catch (AddressException e) {
                throw new InvalidDirectiveException(SubmissionDirectives.SENDGRID_HEADER, field, "is not an address James accepts: " + e.getMessage());
            }
            if (isLocal(address) || tokens.claims(address.getLocalPart(), address.getDomain().asString())) {
                throw new InvalidDirectiveException(SubmissionDirectives.SENDGRID_HEADER, field,
                    "is an address of this relay, which delivers no mail locally, got " + address.asString());
            }
            recipients.putIfAbsent(EmailAddresses.normalise(address.asString()), address);
        }
        if (recipients.size() > account.maxRecipients()) {
            throw new InvalidDirectiveException(SubmissionDirectives.SENDGRID_HEADER, "to", "makes " + recipients.size()
                + " recipients with the envelope's, beyond the " + account.maxRecipients() + " account " + account.name()
                + " allows per message");
        }
        return List.copyOf(recipients.values());
    }

    private boolean isLocal(MailAddress address) throws DomainListException {
        return domains.containsDomain(address.getDomain());
    }

    // A field with nothing in it is no better than none (RFC 5322 section 3.6.1 and 3.6.4 give both a value).
    private static boolean isMissing(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, null);
        return value == null || value.isBlank();
    }
}
