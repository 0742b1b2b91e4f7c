package org.smtpplus.mailets;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.mail.MessagingException;

import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.pool.SourceAddress;

/**
 * One James RemoteDelivery per source (a local address and a HELO name), each started the first time a copy needs
 * it and kept until the mailet is destroyed. James's RemoteDelivery reads {@code bind} and {@code heloName} once, into
 * the javax.mail properties of every session it makes ({@code mail.smtp.localaddress}, {@code mail.smtp.localhost});
 * its MailDelivrerToHost lets nothing of a mail change them. So a source is a RemoteDelivery of its own, configured
 * as the SMTP+ one but for those two and its outgoing queue, named {@code <outgoing>-from-<address>-as-<heloName>}
 * (an IPv6 address with {@code _} for {@code :}): its retries wait in that queue and leave from the same source, and
 * its bounces, {@code sent} events, {@code onSuccess} copies and deferrals go where the SMTP+ RemoteDelivery's do,
 * through the same mailet context, event recording and queue factory.
 *
 * <p>A source removed from its pool keeps its RemoteDelivery until the relay stops, so that copies waiting in its
 * queue still leave. Each RemoteDelivery holds a dequeuing thread, a pool of delivery threads and the connections it
 * keeps to next hops ({@link PooledRemoteDelivery}) of its own, so a kept connection leaves from its source.
 */
final class SourceDeliveries {
    private static final Logger LOGGER = LoggerFactory.getLogger(SourceDeliveries.class);
    static final String FROM = "-from-";
    static final String AS = "-as-";
    // javax.mail properties of the mailet that would override the source's address and name (RemoteDeliveryConfiguration
    // puts the mail.* parameters last)
    private static final Set<String> SOURCE_PROPERTIES = Set.of("mail.smtp.localaddress", "mail.smtps.localaddress",
        "mail.smtp.localhost", "mail.smtps.localhost");

    interface Starter {
        RemoteDelivery start(SourceAddress source, MailetConfig config) throws MessagingException;
    }

    private final MailetConfig base;
    private final MailetContext context;
    private final Starter starter;
    private final ConcurrentMap<SourceAddress, RemoteDelivery> started = new ConcurrentHashMap<>();

    /**
     * @param base    the configuration of the SMTP+ RemoteDelivery, defaults applied
     * @param context what every source's RemoteDelivery sends bounces and delivered copies to
     */
    SourceDeliveries(MailetConfig base, MailetContext context, Starter starter) {
        this.base = base;
        this.context = context;
        this.starter = starter;
    }

    /** The RemoteDelivery of {@code source}, started now if this is its first copy. */
    RemoteDelivery of(SourceAddress source) throws MessagingException {
        RemoteDelivery delivery = started.get(source);
        if (delivery != null) {
            return delivery;
        }
        synchronized (started) {
            delivery = started.get(source);
            if (delivery == null) {
                delivery = starter.start(source, new SourceConfig(base, context, source));
                started.put(source, delivery);
                LOGGER.info("Copies from {} leave through queue {}", source, queueName(base, source));
            }
            return delivery;
        }
    }

    void startAll(List<SourceAddress> sources) throws MessagingException {
        for (SourceAddress source : sources) {
            of(source);
        }
    }

    void destroyAll() {
        synchronized (started) {
            started.values().forEach(RemoteDelivery::destroy);
            started.clear();
        }
    }

    static String queueName(MailetConfig base, SourceAddress source) {
        String outgoing = base.getInitParameter(RemoteDeliveryConfiguration.OUTGOING);
        String prefix = outgoing != null ? outgoing : RemoteDeliveryConfiguration.DEFAULT_OUTGOING_QUEUE_NAME.asString();
        // ':' separates a queue name from its options for some brokers; IPv6 addresses hold no '_'
        return prefix + FROM + source.address().replace(':', '_') + AS + source.heloName();
    }

    /** The SMTP+ RemoteDelivery's configuration but for the queue, the local address and the HELO name. */
    private static final class SourceConfig implements MailetConfig {
        private final MailetConfig base;
        private final MailetContext context;
        private final SourceAddress source;
        private final Map<String, String> overrides;

        SourceConfig(MailetConfig base, MailetContext context, SourceAddress source) {
            this.base = base;
            this.context = context;
            this.source = source;
            this.overrides = Map.of(
                RemoteDeliveryConfiguration.OUTGOING, queueName(base, source),
                RemoteDeliveryConfiguration.BIND, source.address(),
                RemoteDeliveryConfiguration.HELO_NAME, source.heloName());
        }

        @Override
        public String getInitParameter(String name) {
            if (SOURCE_PROPERTIES.contains(name)) {
                return null;
            }
            return overrides.getOrDefault(name, base.getInitParameter(name));
        }

        @Override
        public Iterator<String> getInitParameterNames() {
            Set<String> names = new LinkedHashSet<>();
            base.getInitParameterNames().forEachRemaining(names::add);
            names.addAll(overrides.keySet());
            names.removeAll(SOURCE_PROPERTIES);
            return names.iterator();
        }

        @Override
        public MailetContext getMailetContext() {
            return context;
        }

        @Override
        public String getMailetName() {
            return base.getMailetName() + " from " + source;
        }
    }
}
