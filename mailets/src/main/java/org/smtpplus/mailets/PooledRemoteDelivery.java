package org.smtpplus.mailets;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.james.transport.mailets.remote.delivery.Bouncer;
import org.apache.james.transport.mailets.remote.delivery.MailDelivrer;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Mail;

/**
 * James's RemoteDelivery (its configuration, queueing, MX or gateway iteration, retries and bounces) whose delivery
 * threads keep their connections to a next hop open for the next mail to it ({@link ReusingMailDelivrerToHost},
 * {@link NextHopConnections}, docs/operator-guide.md#connections-to-the-next-hop), and hand each delivered mail to a
 * {@code delivered} callback on the delivery thread ({@link DeliveryLoop}). RemoteDelivery is built without its own
 * threads: {@link DeliveryLoop} consumes the outgoing queue instead of James's DeliveryRunnable.
 *
 * <p>Parameters, besides RemoteDelivery's:
 * <ul>
 *   <li>{@code connectionIdleTime} (milliseconds, default 15000): how long an unused connection to a next hop is kept
 *   open; 0 closes each connection after its mail, as James's RemoteDelivery does;</li>
 *   <li>{@code maxIdleConnections} (default 16): the unused connections kept open per next hop.</li>
 * </ul>
 */
public class PooledRemoteDelivery extends RemoteDelivery {
    static final String CONNECTION_IDLE_TIME = "connectionIdleTime";
    static final String MAX_IDLE_CONNECTIONS = "maxIdleConnections";
    static final Set<String> PARAMETERS = Set.of(CONNECTION_IDLE_TIME, MAX_IDLE_CONNECTIONS);
    static final Duration DEFAULT_IDLE_TIME = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_IDLE = 16;

    private final DNSService dnsServer;
    private final DomainList domainList;
    private final MailQueueFactory<?> queueFactory;
    private final MetricFactory metricFactory;
    private final Consumer<Mail> delivered;
    private NextHopConnections connections;
    private DeliveryLoop loop;

    PooledRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                         MetricFactory metricFactory, Consumer<Mail> delivered) {
        super(dnsServer, domainList, queueFactory, metricFactory, ThreadState.DO_NOT_START_THREADS);
        this.dnsServer = dnsServer;
        this.domainList = domainList;
        this.queueFactory = queueFactory;
        this.metricFactory = metricFactory;
        this.delivered = delivered;
    }

    @Override
    public void init() throws MessagingException {
        Duration idleTime = Duration.ofMillis(nonNegative(CONNECTION_IDLE_TIME, DEFAULT_IDLE_TIME.toMillis()));
        int maxIdle = idleTime.isZero() ? 0 : (int) nonNegative(MAX_IDLE_CONNECTIONS, DEFAULT_MAX_IDLE);
        super.init();
        RemoteDeliveryConfiguration configuration = new RemoteDeliveryConfiguration(getMailetConfig(), domainList);
        // the queue RemoteDelivery enqueues into (a queue factory gives the one queue of a name)
        MailQueue queue = queueFactory.createQueue(configuration.getOutGoingQueueName());
        connections = new NextHopConnections(configuration.createFinalJavaxProperties(),
            configuration.isSSLEnable() ? configuration.createFinalJavaxPropertiesWithSSL() : configuration.createFinalJavaxProperties(),
            ReusingMailDelivrerToHost.connector(configuration), maxIdle, idleTime);
        Bouncer bouncer = new Bouncer(configuration, getMailetContext());
        MailDelivrer delivrer = new MailDelivrer(configuration,
            new ReusingMailDelivrerToHost(configuration, getMailetContext(), connections), dnsServer, bouncer, getMailetContext());
        loop = new DeliveryLoop(queue, configuration, delivrer, bouncer, getMailetContext(), delivered, metricFactory);
        loop.start();
    }

    private long nonNegative(String name, long defaultValue) throws MessagingException {
        String value = getInitParameter(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0 && parsed <= Integer.MAX_VALUE) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new MessagingException(name + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", not " + value);
    }

    @Override
    public void destroy() {
        if (loop != null) {
            loop.dispose();
        }
        if (connections != null) {
            connections.close();
        }
        super.destroy();
    }
}
