package org.smtpplus.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.InvalidDirectiveException;
import org.smtpplus.core.submission.SubmissionAttributes;

/**
 * At the end of DATA, before James queues a submission: the account's size limit, the From: authorization and the
 * X-SmtpPlus directive, so that the client learns of a bad message at once and nothing bad is queued. An accepted
 * submission is marked with {@link SubmissionAttributes} for the SMTP+ mailets.
 */
public class SubmissionHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SubmissionHook.class);

    private final SessionAccounts sessionAccounts;
    private final DirectiveParser directiveParser;

    @Inject
    public SubmissionHook(SessionAccounts sessionAccounts, DirectiveParser directiveParser) {
        this.sessionAccounts = sessionAccounts;
        this.directiveParser = directiveParser;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<Account> submitter = sessionAccounts.submitter(session);
        if (submitter.isEmpty()) {
            return HookResult.DECLINED;
        }
        Account account = submitter.get();
        try {
            return sizeRefusal(account, mail)
                .or(() -> fromRefusal(account, mail))
                .orElseGet(() -> acceptDirective(account, mail));
        } catch (UncheckedMessagingException e) {
            LOGGER.warn("Could not read the message of {} for account {}", mail.getName(), account.name(), e.getCause());
            return SmtpReplies.permanent("554", "5.6.0", "Unreadable message: " + e.getCause().getMessage());
        }
    }

    private static Optional<HookResult> sizeRefusal(Account account, Mail mail) {
        long size = unchecked(mail::getMessageSize);
        long limit = account.maxMessageKb() * 1024L;
        if (size <= limit) {
            return Optional.empty();
        }
        // RFC 3463: X.3.4 message too big for system
        return Optional.of(SmtpReplies.permanent("552", "5.3.4",
            "Message of " + (size + 1023) / 1024 + " KB exceeds the " + account.maxMessageKb() + " KB limit of account " + account.name()));
    }

    private static Optional<HookResult> fromRefusal(Account account, Mail mail) {
        Address[] from = unchecked(() -> mail.getMessage().getFrom());
        if (from == null) {
            return Optional.empty();
        }
        for (Address address : from) {
            String value = address instanceof InternetAddress ? ((InternetAddress) address).getAddress() : address.toString();
            if (!account.isSenderAuthorized(value)) {
                return Optional.of(SmtpReplies.permanent("550", "5.7.1",
                    "From: <" + value + "> is not authorized for account " + account.name()));
            }
        }
        return Optional.empty();
    }

    private HookResult acceptDirective(Account account, Mail mail) {
        MimeMessage message = unchecked(mail::getMessage);
        String[] values = unchecked(() -> message.getHeader(DirectiveParser.HEADER_NAME));
        if (values != null && values.length > 1) {
            return SmtpReplies.permanent("550", "5.6.0",
                DirectiveParser.HEADER_NAME + " appears " + values.length + " times; send one header");
        }
        try {
            Directive directive = values == null ? Directive.EMPTY : directiveParser.parseHeader(asUtf8(values[0]));
            mail.setAttribute(new Attribute(AttributeName.of(SubmissionAttributes.ACCOUNT), AttributeValue.of(account.name())));
            mail.setAttribute(new Attribute(AttributeName.of(SubmissionAttributes.DIRECTIVE), AttributeValue.of(directive.toJson())));
            return HookResult.DECLINED;
        } catch (InvalidDirectiveException e) {
            return SmtpReplies.permanent("550", "5.6.0", e.getMessage());
        }
    }

    // javax.mail reads header bytes as ISO-8859-1; an RFC 6532 raw UTF-8 header value is restored here.
    private static String asUtf8(String headerValue) {
        byte[] bytes = headerValue.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return headerValue;
        }
    }

    private interface MessagingSupplier<T> {
        T get() throws MessagingException;
    }

    private static <T> T unchecked(MessagingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (MessagingException e) {
            throw new UncheckedMessagingException(e);
        }
    }

    private static final class UncheckedMessagingException extends RuntimeException {
        UncheckedMessagingException(MessagingException cause) {
            super(cause);
        }
    }
}
