package org.smtpplus.mailets;

import java.time.Clock;
import java.util.List;

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
 * James's RemoteDelivery, with the smarthost taken from {@code smtpplus.gateway} (SMTPPLUS_GATEWAY) unless the
 * mailet configuration names one itself; without either, mail goes to the recipients' MX. Each retry after a
 * temporary failure records a {@code deferred} event for the copy. It sends what {@link SignWithDkim} signed as it is:
 * the {@code mail.smtp.allow8bitmime} parameter, which would have javax.mail re-encode it, is refused.
 */
public class SmtpPlusRemoteDelivery extends RemoteDelivery {
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
        boolean configured = config.getInitParameter(GatewayMailetConfig.GATEWAY) != null;
        super.init(settings.gateway()
            .filter(gateway -> !configured)
            .<MailetConfig>map(gateway -> new GatewayMailetConfig(config, gateway))
            .orElse(config));
    }
}
