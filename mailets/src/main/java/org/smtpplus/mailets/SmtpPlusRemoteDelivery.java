package org.smtpplus.mailets;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.mailet.MailetConfig;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.settings.SmtpPlusSettings;

/**
 * James's RemoteDelivery, with defaults from the SMTP+ settings for what the mailet configuration does not give: the
 * smarthost from {@code smtpplus.gateway} (SMTPPLUS_GATEWAY; without either, mail goes to the recipients' MX), and the
 * HELO/EHLO name from {@code smtpplus.hostname} (SMTPPLUS_HOSTNAME; James's own default is its default domain,
 * {@code localhost}, a name receivers distrust: RFC 5321 section 4.1.1.1 asks for the client's fully-qualified
 * domain name).
 * Each retry after a temporary failure records a {@code deferred} event for the copy. It sends what
 * {@link SignWithDkim} signed as it is: the {@code mail.smtp.allow8bitmime} parameter, which would have javax.mail
 * re-encode it, is refused.
 */
public class SmtpPlusRemoteDelivery extends RemoteDelivery {
    static final String GATEWAY = "gateway";
    static final String HELO_NAME = "heloName";
    private static final List<String> ALLOW_8BITMIME = List.of("mail.smtp.allow8bitmime", "mail.smtps.allow8bitmime");

    private final SmtpPlusSettings settings;

    @Inject
    public SmtpPlusRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                                  MetricFactory metricFactory, SmtpPlusSettings settings, EventSink events, Clock clock) {
        super(dnsServer, domainList, new DeferralRecordingQueueFactory(queueFactory, events, clock), metricFactory);
        this.settings = settings;
    }

    @Override
    public void init(MailetConfig config) throws MessagingException {
        for (String property : ALLOW_8BITMIME) {
            if (Boolean.parseBoolean(config.getInitParameter(property))) {
                // javax.mail would turn quoted-printable parts into 8bit on the way out, after the DKIM signature
                throw new MessagingException(property + "=" + config.getInitParameter(property)
                    + " re-encodes signed mail and breaks its DKIM signature; remove it");
            }
        }
        Map<String, String> defaults = new HashMap<>();
        settings.gateway().ifPresent(gateway -> defaults.put(GATEWAY, gateway));
        defaults.put(HELO_NAME, settings.sending().hostname());
        super.init(new DefaultedMailetConfig(config, defaults));
    }
}
