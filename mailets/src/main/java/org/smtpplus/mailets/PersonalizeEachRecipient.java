package org.smtpplus.mailets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.directive.Directive;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.InvalidDirectiveException;
import org.smtpplus.core.mime.MessagePersonalizer;
import org.smtpplus.core.mime.ParsedMessage;
import org.smtpplus.core.personalize.RecipientCopies;
import org.smtpplus.core.submission.SubmissionAttributes;

/**
 * Turns an SMTP+ submission into one personalised copy per envelope recipient (contract section 4) and sends each
 * to the processor named by {@code <processor>} (default {@code transport}); the submission itself is then ghosted.
 *
 * <p>Every copy is built before the first is sent: a message that cannot be personalised goes to the error
 * processor whole, and never half of its recipients get a copy twice on a retry.
 */
public class PersonalizeEachRecipient extends GenericMailet {
    private static final AttributeName ACCOUNT = AttributeName.of(SubmissionAttributes.ACCOUNT);
    private static final AttributeName DIRECTIVE = AttributeName.of(SubmissionAttributes.DIRECTIVE);

    private final AccountRepository accounts;
    private final DirectiveParser directiveParser;
    private String processor;

    @Inject
    public PersonalizeEachRecipient(AccountRepository accounts, DirectiveParser directiveParser) {
        this.accounts = accounts;
        this.directiveParser = directiveParser;
    }

    @Override
    public void init() {
        processor = getInitParameter("processor", "transport");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String accountName = AttributeUtils.getValueAndCastFromMail(mail, ACCOUNT, String.class)
            .orElseThrow(() -> new MessagingException(mail.getName() + " has no " + ACCOUNT.asString() + " attribute"));
        // An account deleted after it submitted still gets its accepted mail delivered, with default settings.
        Account account = accounts.get(accountName).orElseGet(() -> Account.withDefaults(accountName));
        RecipientCopies copies = new RecipientCopies(account, directive(mail));
        ParsedMessage message = parse(mail);

        List<Mail> personalised = new ArrayList<>();
        try {
            int index = 0;
            for (MailAddress recipient : mail.getRecipients()) {
                byte[] content = personalise(message, copies, recipient);
                personalised.add(copyFor(mail, recipient, index++, content));
            }
            for (Mail copy : personalised) {
                getMailetContext().sendMail(copy, processor);
            }
        } finally {
            personalised.forEach(LifecycleUtil::dispose);
        }
        mail.setState(Mail.GHOST);
    }

    private Directive directive(Mail mail) throws MessagingException {
        String json = AttributeUtils.getValueAndCastFromMail(mail, DIRECTIVE, String.class).orElse("{}");
        try {
            return directiveParser.parseJson(json);
        } catch (InvalidDirectiveException e) {
            throw new MessagingException(mail.getName() + " carries a directive the SMTP hook should have refused: " + e.getMessage(), e);
        }
    }

    private static ParsedMessage parse(Mail mail) throws MessagingException {
        try (InputStream in = new MimeMessageInputStream(mail.getMessage())) {
            return ParsedMessage.parse(in);
        } catch (IOException e) {
            throw new MessagingException("Could not parse the message of " + mail.getName(), e);
        }
    }

    private static byte[] personalise(ParsedMessage message, RecipientCopies copies, MailAddress recipient) throws MessagingException {
        try {
            return MessagePersonalizer.personalize(message, copies.specFor(recipient.asString(), Map.of()));
        } catch (IOException e) {
            throw new MessagingException("Could not personalise the copy for " + recipient.asString(), e);
        }
    }

    private static Mail copyFor(Mail mail, MailAddress recipient, int index, byte[] content) throws MessagingException {
        String name = mail.getName() + "-" + index;
        List<Attribute> attributes = new ArrayList<>();
        mail.attributes().forEach(attributes::add);
        return MailImpl.builder()
            .name(name)
            .sender(mail.getMaybeSender())
            .addRecipient(recipient)
            .remoteHost(mail.getRemoteHost())
            .remoteAddr(mail.getRemoteAddr())
            .addAttributes(attributes)
            .mimeMessage(new MimeMessageWrapper(MimeMessageInputStreamSource.create(name, new ByteArrayInputStream(content))))
            .build();
    }
}
