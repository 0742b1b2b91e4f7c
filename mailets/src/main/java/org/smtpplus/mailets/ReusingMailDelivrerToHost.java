package org.smtpplus.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.remote.delivery.ExecutionResult;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrerToHost;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.HostAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.Converter7Bit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.mailets.NextHopConnections.Connection;
import org.smtpplus.mailets.NextHopConnections.NextHop;
import org.smtpplus.mailets.NextHopConnections.TrackedTransport;

import com.sun.mail.smtp.SMTPMessage;

/**
 * James's delivery of one mail to one host (MailDelivrerToHost), on a connection kept from an earlier mail to the same
 * host when there is one ({@link NextHopConnections}), instead of a new connection for every mail. What is sent is what
 * James sends: the envelope sender as the session's {@code mail.smtp.from}, the DSN parameters (RFC 3461: NOTIFY per
 * recipient, RET, ENVID when the next hop offers DSN), the message converted to 7 bit when the next hop does not offer
 * 8BITMIME (RFC 6152); the exceptions James's MailDelivrer classifies (MX iteration, temporary or permanent) are those
 * javax.mail throws, as for James's own.
 *
 * <p>A kept connection may have been closed by the next hop since its last mail, or be closed now with a 421 (RFC 5321
 * section 3.8): when the connection fails that way before the end of the mail was sent, the next hop has not accepted
 * it, and it is sent again at once on a new connection; that is no retry of the mail's (no delay, not counted).
 * A failure after the end of the mail was sent (the final "." of DATA) and before its reply cannot tell a delivered
 * mail from a lost one (RFC 1047): it is a failure as RemoteDelivery has always had it (a temporary one, retried after
 * the next delay), never resent at once. javax.mail sends RSET itself after a refused MAIL or RCPT; a mail delivered
 * leaves the connection ready for the next MAIL (RFC 5321 section 4.1.4), and any failure closes the connection.
 * javax.mail does not pipeline (RFC 2920): each command waits for its reply.
 */
final class ReusingMailDelivrerToHost extends MailDelivrerToHost {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReusingMailDelivrerToHost.class);
    private static final String EIGHT_BIT_MIME = "8BITMIME";
    // RFC 5321 section 3.8: the server is closing the transmission channel
    private static final int SERVICE_CLOSING = 421;
    // javax.mail's code for a connection that ended before a reply
    private static final int NO_REPLY = -1;
    private static final int MAX_LOGGED = 200;

    private final RemoteDeliveryConfiguration configuration;
    private final NextHopConnections connections;
    private final Converter7Bit converter7Bit;

    ReusingMailDelivrerToHost(RemoteDeliveryConfiguration configuration, MailetContext context, NextHopConnections connections) {
        super(configuration, context);
        this.configuration = configuration;
        this.connections = connections;
        this.converter7Bit = new Converter7Bit(context);
    }

    /** Connects {@code connection} as James's MailDelivrerToHost connects: HELO name, by host name or address, AUTH. */
    static NextHopConnections.Connector connector(RemoteDeliveryConfiguration configuration) {
        return connection -> {
            TrackedTransport transport = connection.transport();
            transport.setLocalHost(connection.session().getProperties().getProperty(
                property(connection, "mail.smtp.localhost"), configuration.getHeloNameProvider().getHeloName()));
            HostAddress address = connection.hop().address();
            if (configuration.getAuthUser() != null) {
                transport.connect(hostName(address), configuration.getAuthUser(), configuration.getAuthPass());
            } else if (configuration.isConnectByHostname()) {
                transport.connect(hostName(address), null, null);
            } else {
                transport.connect();
            }
        };
    }

    @Override
    public ExecutionResult tryDeliveryToHost(Mail mail, Collection<InternetAddress> addresses, HostAddress host)
        throws MessagingException {
        NextHop hop = new NextHop(host);
        Connection connection = connections.take(hop);
        try {
            send(mail, addresses, connection);
        } catch (MessagingException | IllegalStateException e) {
            connections.discard(connection);
            if (!connection.reused() || !closedBeforeTheEnd(connection, e)) {
                throw e;
            }
            LOGGER.info("The kept connection to {} failed before {} was sent ({}): sending it on a new connection",
                hop, mail.getName(), loggable(e.getMessage()));
            connection = connections.takeNew(hop);
            try {
                send(mail, addresses, connection);
            } catch (MessagingException | RuntimeException again) {
                connections.discard(connection);
                throw again;
            }
        } catch (RuntimeException e) {
            connections.discard(connection);
            throw e;
        }
        LOGGER.info("Mail ({}) sent successfully to {} from {} for {}", mail.getName(), hop,
            mail.getMaybeSender().asString(), mail.getRecipients());
        connections.giveBack(connection);
        return ExecutionResult.success();
    }

    /**
     * The connection ended or the next hop closed it (421) before the end of the mail was sent. javax.mail throws
     * IllegalStateException for a connection it had already seen closed.
     */
    private static boolean closedBeforeTheEnd(Connection connection, Exception failure) {
        TrackedTransport transport = connection.transport();
        if (transport.endSent()) {
            return false;
        }
        if (failure instanceof IllegalStateException) {
            return true;
        }
        int code = transport.getLastReturnCode();
        return code == SERVICE_CLOSING || code == NO_REPLY || causedByIo(failure);
    }

    private static boolean causedByIo(Exception failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++) {
            if (cause instanceof IOException) {
                return true;
            }
            cause = cause instanceof MessagingException && ((MessagingException) cause).getNextException() != null
                ? ((MessagingException) cause).getNextException() : cause.getCause();
        }
        return false;
    }

    private void send(Mail mail, Collection<InternetAddress> addresses, Connection connection) throws MessagingException {
        TrackedTransport transport = connection.transport();
        transport.newMail();
        Properties properties = connection.session().getProperties();
        properties.put(property(connection, "mail.smtp.from"), mail.getMaybeSender().asString());
        MimeMessage message = adapted(mail.getMessage(), transport);
        if (mail.dsnParameters().isEmpty()) {
            transport.sendMessage(message, addresses.toArray(InternetAddress[]::new));
            return;
        }
        DsnParameters dsn = mail.dsnParameters().get();
        // RFC 3461 section 4.1: NOTIFY is per recipient, javax.mail's per message: one transaction per NOTIFY value
        for (Map.Entry<Optional<Integer>, List<InternetAddress>> group : byNotify(dsn, addresses).entrySet()) {
            SMTPMessage smtpMessage = new SMTPMessage(message);
            dsn.getRetParameter().ifPresent(ret -> smtpMessage.setReturnOption(
                ret == DsnParameters.Ret.FULL ? SMTPMessage.RETURN_FULL : SMTPMessage.RETURN_HDRS));
            dsn.getEnvIdParameter().filter(any -> transport.supportsExtension("DSN"))
                .ifPresent(envId -> smtpMessage.setMailExtension("ENVID=" + envId.asString()));
            group.getKey().ifPresent(smtpMessage::setNotifyOptions);
            transport.sendMessage(smtpMessage, group.getValue().toArray(InternetAddress[]::new));
        }
    }

    private static Map<Optional<Integer>, List<InternetAddress>> byNotify(DsnParameters dsn, Collection<InternetAddress> addresses)
        throws AddressException {
        Map<Optional<Integer>, List<InternetAddress>> groups = new LinkedHashMap<>();
        for (InternetAddress address : addresses) {
            Optional<Integer> notify = Optional.ofNullable(dsn.getRcptParameters().get(new MailAddress(address.getAddress())))
                .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
                .map(ReusingMailDelivrerToHost::notifyOptions);
            groups.computeIfAbsent(notify, any -> new ArrayList<>()).add(address);
        }
        return groups;
    }

    private static int notifyOptions(EnumSet<DsnParameters.Notify> notify) {
        int options = 0;
        for (DsnParameters.Notify value : notify) {
            switch (value) {
                case NEVER:
                    options |= SMTPMessage.NOTIFY_NEVER;
                    break;
                case SUCCESS:
                    options |= SMTPMessage.NOTIFY_SUCCESS;
                    break;
                case FAILURE:
                    options |= SMTPMessage.NOTIFY_FAILURE;
                    break;
                default:
                    options |= SMTPMessage.NOTIFY_DELAY;
                    break;
            }
        }
        return options;
    }

    // RFC 6152: 8-bit content only to a next hop that offers 8BITMIME
    private MimeMessage adapted(MimeMessage message, TrackedTransport transport) throws MessagingException {
        if (!transport.supportsExtension(EIGHT_BIT_MIME)) {
            try {
                converter7Bit.convertTo7Bit(message);
            } catch (IOException e) {
                LOGGER.error("Could not convert the message to 7 bit", e);
            }
        }
        return message;
    }

    // As James's MailDelivrerToHost: a session for SSL has its properties under mail.smtps.*
    private static String property(Connection connection, String name) {
        return "true".equals(connection.session().getProperties().getProperty("mail.smtps.ssl.enable"))
            ? name.replace("mail.smtp.", "mail.smtps.") : name;
    }

    // A next hop's reply, as a log line can take it: one line, bounded.
    static String loggable(String reply) {
        if (reply == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(Math.min(reply.length(), MAX_LOGGED));
        for (int i = 0; i < reply.length() && line.length() < MAX_LOGGED; i++) {
            char c = reply.charAt(i);
            line.append(c < ' ' || c == 0x7f ? ' ' : c);
        }
        return line.toString().strip();
    }

    private static String hostName(HostAddress address) {
        String name = address.getHostName();
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
