package org.smtpplus.it;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpConnection;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommand;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The tests' next hop: a GreenMail that also takes mail with a null reverse path ({@code MAIL FROM:<>}, RFC 5321
 * section 4.5.5: bounces, notifications, forwards that must not bounce). GreenMail 2.1.13 answers 250 to it but
 * forgets the transaction, and then refuses every RCPT with 503; here the message is kept, its Return-Path {@code <>}.
 */
class GatewayGreenMail extends GreenMail {
    GatewayGreenMail(ServerSetup setup) {
        super(setup);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(config, managers);
        for (ServerSetup setup : config) {
            if (ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                services.put(setup.getProtocol(), new NullSenderSmtpServer(setup, managers));
            }
        }
        return services;
    }

    private static final class NullSenderSmtpServer extends SmtpServer {
        NullSenderSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new SmtpHandler(new NullSenderCommands(), managers.getSmtpManager(), socket);
        }
    }

    private static final class NullSenderCommands extends SmtpCommandRegistry {
        private static final SmtpCommand NULL_SENDER_MAIL = new NullSenderMailCommand();

        @Override
        public SmtpCommand getCommand(String name) {
            SmtpCommand command = super.getCommand(name);
            return "MAIL".equals(name.toUpperCase(Locale.ROOT)) ? new EitherMailCommand(command) : command;
        }

        private static final class EitherMailCommand extends SmtpCommand {
            private static final Pattern NULL_PATH = Pattern.compile("(?i)MAIL FROM:\\s?<>.*");
            private final SmtpCommand greenMail;

            EitherMailCommand(SmtpCommand greenMail) {
                this.greenMail = greenMail;
            }

            @Override
            public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) throws IOException {
                (NULL_PATH.matcher(commandLine).matches() ? NULL_SENDER_MAIL : greenMail).execute(conn, state, manager, commandLine);
            }
        }
    }

    private static final class NullSenderMailCommand extends SmtpCommand {
        @Override
        public void execute(SmtpConnection conn, SmtpState state, SmtpManager manager, String commandLine) {
            state.clearMessagePreservingAuthenticationState();
            state.getMessage().setReturnPath(new NullReversePath());
            conn.send("250 OK");
        }
    }

    /** Written as nothing: GreenMail's Return-Path header becomes {@code <>}. */
    private static final class NullReversePath extends MailAddress {
        NullReversePath() {
            super("mailer-daemon@gateway.invalid");
        }

        @Override
        public String toString() {
            return "";
        }
    }
}
