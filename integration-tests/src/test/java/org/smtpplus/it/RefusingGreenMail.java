package org.smtpplus.it;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A GreenMail gateway that refuses some recipients at RCPT, the way real MTAs do: {@code defer...@} gets a temporary
 * 451 4.2.0 (RFC 5321: try again later), {@code bounce...@} a permanent 550 5.1.1 (RFC 3463: bad mailbox), and
 * {@code later...@} the 451 at its first attempt only, as a greylisting MTA does, and is taken at the next;
 * {@code twice...@} gets it at its first two attempts and is taken at the third. Every other recipient is taken and
 * kept, as by a plain GreenMail. It notes when each recipient was offered (its RCPT commands).
 */
final class RefusingGreenMail extends GatewayGreenMail {
    // The later...@ addresses refused once; GreenMail serves connections on threads of their own.
    private final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Instant>> offers = new ConcurrentHashMap<>();

    RefusingGreenMail(ServerSetup setup) {
        super(setup);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        return super.createServices(config, new RefusingManagers(managers, deferredOnce, offers));
    }

    /** When the recipient was offered at RCPT, refused or taken, oldest first. */
    List<Instant> offers(String recipient) {
        return List.copyOf(offers.getOrDefault(recipient.toLowerCase(Locale.ROOT), List.of()));
    }

    /** How many later...@ recipients were refused at their first attempt so far. */
    int deferredOnce() {
        return deferredOnce.size();
    }

    /** GreenMail's own managers, but for the SMTP one, which refuses first and then hands over to GreenMail's. */
    private static final class RefusingManagers extends Managers {
        private final Managers greenMail;
        private final SmtpManager smtp;

        RefusingManagers(Managers greenMail, Set<String> deferredOnce, Map<String, List<Instant>> offers) {
            this.greenMail = greenMail;
            this.smtp = new RefusingSmtpManager(greenMail, deferredOnce, offers);
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        @Override
        public UserManager getUserManager() {
            return greenMail.getUserManager();
        }

        @Override
        public ImapHostManager getImapHostManager() {
            return greenMail.getImapHostManager();
        }
    }

    private static final class RefusingSmtpManager extends SmtpManager {
        private final SmtpManager greenMail;
        private final Set<String> deferredOnce;
        private final Map<String, List<Instant>> offers;

        RefusingSmtpManager(Managers greenMail, Set<String> deferredOnce, Map<String, List<Instant>> offers) {
            super(greenMail.getImapHostManager(), greenMail.getUserManager());
            this.greenMail = greenMail.getSmtpManager();
            this.deferredOnce = deferredOnce;
            this.offers = offers;
        }

        @Override
        public String checkRecipient(SmtpState state, MailAddress recipient) {
            String address = recipient.getEmail().toLowerCase(Locale.ROOT);
            List<Instant> offered = offers.computeIfAbsent(address, any -> new CopyOnWriteArrayList<>());
            offered.add(Instant.now());
            if (address.startsWith("twice") && offered.size() <= 2) {
                return "451 4.7.1 Greylisted, try again later";
            }
            if (address.startsWith("defer")) {
                return "451 4.2.0 Mailbox busy, try again later";
            }
            if (address.startsWith("later") && deferredOnce.add(address)) {
                return "451 4.7.1 Greylisted, try again later";
            }
            if (address.startsWith("bounce")) {
                return "550 5.1.1 No such user here";
            }
            return greenMail.checkRecipient(state, recipient);
        }

        // Delivered by GreenMail's own manager, which is the one its waits and lookups watch.
        @Override
        public synchronized void send(SmtpState state) {
            greenMail.send(state);
        }
    }
}
