package org.smtpplus.mailets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.transport.mailets.RemoteDelivery;
import org.apache.james.transport.mailets.remote.delivery.RemoteDeliveryConfiguration;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.attributes.MailAttributes;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.EventType;
import org.smtpplus.core.pool.SourceAddress;
import org.smtpplus.core.ratelimit.LogThrottle;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.store.StoreUnavailableException;

import com.google.common.base.Ticker;
import com.google.common.collect.Sets;
import com.google.common.collect.Streams;

/**
 * James's RemoteDelivery, with defaults from the SMTP+ settings for what the mailet configuration does not give: the
 * smarthost from {@code smtpplus.gateway} (SMTPPLUS_GATEWAY; without either, mail goes to the recipients' MX), and the
 * HELO/EHLO name from {@code smtpplus.hostname} (SMTPPLUS_HOSTNAME; James's own default is its default domain,
 * {@code localhost}, a name receivers distrust: RFC 5321 section 4.1.1.1 asks for the client's fully-qualified
 * domain name). Its delivery threads keep their connections to a next hop open for the next mail to it
 * ({@link PooledRemoteDelivery}, docs/operator-guide.md#connections-to-the-next-hop), and record the {@code sent} event
 * of each delivered copy themselves.
 * Each retry after a temporary failure records a {@code deferred} event for the copy, and with
 * {@code smtpplus.scheduler=cassandra} waits its delay in the store ({@link RetryWaits}). Copies leave at the pace of
 * their destination domain ({@link PacingQueueFactory}, docs/operator-guide.md#pacing). It sends what
 * {@link SignWithDkim} signed as it is: the {@code mail.smtp.allow8bitmime} parameter, which would have javax.mail
 * re-encode it, is refused.
 *
 * <p>IP pools (docs/api.md#ip-pools): a copy of an account with an {@code ipPool} leaves from the pool's next address,
 * greeting with the pool's HELO name. James's RemoteDelivery binds one address and one HELO name per instance, so
 * each source is a RemoteDelivery of its own with its own outgoing queue ({@link SourceDeliveries}, which says why);
 * retries, bounces, {@code sent} and {@code deferred} events work for those copies as for the others. Other
 * mail, and copies of accounts without a pool, leave from the default address ({@code bind}, else the system's).
 *
 * <p>Parameters: those of James's RemoteDelivery (its {@link RemoteDeliveryConfiguration}), with their defaults but
 * two:
 * <ul>
 *   <li>{@code gateway} (default {@code smtpplus.gateway}; neither: the recipients' MX): the smarthost(s),
 *   {@code host:port}, comma-separated;</li>
 *   <li>{@code heloName} (default {@code smtpplus.hostname}): the name given in HELO/EHLO;</li>
 *   <li>{@code outgoing}, {@code delayTime}, {@code maxRetries}, {@code maxDnsProblemRetries}, {@code sendpartial},
 *   {@code bounceProcessor}, {@code onSuccess}, {@code startTLS}, {@code sslEnable}, {@code verifyServerIdentity},
 *   {@code gatewayPort}, {@code gatewayUsername} ({@code gatewayusername}), {@code gatewayPassword}, {@code bind},
 *   {@code timeout}, {@code connectiontimeout}, {@code usePriority}, {@code loadBalancing}, {@code debug}: as James's
 *   RemoteDelivery documents them; the {@code onSuccess} processor, when given, gets the delivered mails after their
 *   {@code sent} events are recorded (a {@link RecordDeliveryEvent} of {@code sent} there records none again);</li>
 *   <li>{@code connectionIdleTime} (milliseconds, default 15000; 0: a connection per mail, as James's RemoteDelivery)
 *   and {@code maxIdleConnections} (default 16): how long an unused connection to a next hop stays open, and how many
 *   per next hop ({@link PooledRemoteDelivery});</li>
 *   <li>{@code mail.*}: javax.mail session properties, passed on as they are, but {@code mail.smtp.allow8bitmime} and
 *   {@code mail.smtps.allow8bitmime} set to {@code true}, which fail the mailet's start.</li>
 * </ul>
 * Any other parameter fails the mailet's start (James's RemoteDelivery itself accepts any).
 *
 * <pre>{@code
 * <mailet match="All" class="org.smtpplus.mailets.SmtpPlusRemoteDelivery">
 *     <outgoing>outgoing</outgoing>
 *     <delayTime>5000, 120000, 600000, 5*3600000</delayTime>
 *     <maxRetries>8</maxRetries>
 *     <maxDnsProblemRetries>0</maxDnsProblemRetries>
 *     <sendpartial>true</sendpartial>
 *     <bounceProcessor>bounces</bounceProcessor>
 *     <connectionIdleTime>15000</connectionIdleTime>
 *     <maxIdleConnections>16</maxIdleConnections>
 *     <startTLS>true</startTLS>
 *     <verifyServerIdentity>false</verifyServerIdentity>
 *     <mail.smtp.ssl.trust>*</mail.smtp.ssl.trust>
 * </mailet>
 * }</pre>
 */
public class SmtpPlusRemoteDelivery extends PooledRemoteDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpPlusRemoteDelivery.class);
    private static final List<String> ALLOW_8BITMIME = List.of("mail.smtp.allow8bitmime", "mail.smtps.allow8bitmime");
    // The names RemoteDeliveryConfiguration reads, but the javax.mail properties, which it takes by their prefix.
    private static final Set<String> REMOTE_DELIVERY_PARAMETERS = Set.of(
        RemoteDeliveryConfiguration.USE_PRIORITY, RemoteDeliveryConfiguration.MAX_DNS_PROBLEM_RETRIES,
        RemoteDeliveryConfiguration.HELO_NAME, RemoteDeliveryConfiguration.BIND,
        RemoteDeliveryConfiguration.GATEWAY_PASSWORD, RemoteDeliveryConfiguration.GATEWAY_USERNAME_COMPATIBILITY,
        RemoteDeliveryConfiguration.GATEWAY_USERNAME, RemoteDeliveryConfiguration.GATEWAY_PORT,
        RemoteDeliveryConfiguration.GATEWAY, RemoteDeliveryConfiguration.SSL_ENABLE, RemoteDeliveryConfiguration.START_TLS,
        RemoteDeliveryConfiguration.VERIFY_SERVER_IDENTITY, RemoteDeliveryConfiguration.BOUNCE_PROCESSOR,
        RemoteDeliveryConfiguration.SENDPARTIAL, RemoteDeliveryConfiguration.TIMEOUT,
        RemoteDeliveryConfiguration.CONNECTIONTIMEOUT, RemoteDeliveryConfiguration.OUTGOING,
        RemoteDeliveryConfiguration.MAX_RETRIES, RemoteDeliveryConfiguration.DELAY_TIME, RemoteDeliveryConfiguration.DEBUG,
        RemoteDeliveryConfiguration.ON_SUCCESS, RemoteDeliveryConfiguration.LOAD_BALANCING);

    private final SmtpPlusSettings settings;
    private final AccountPools pools;
    private final SourceDeliveries.Starter sourceStarter;
    private final LogThrottle outageLog = new LogThrottle(Duration.ofMinutes(1), Ticker.systemTicker());
    private volatile MailetContext context;
    private volatile SourceDeliveries sources;

    @Inject
    public SmtpPlusRemoteDelivery(DNSService dnsServer, DomainList domainList, MailQueueFactory<?> queueFactory,
                                  MetricFactory metricFactory, SmtpPlusSettings settings, EventSink events, Clock clock,
                                  RetryWaits retryWaits, AccountPools pools, Pacing pacing) {
        this(dnsServer, domainList,
            new PacingQueueFactory(new DeferralRecordingQueueFactory(queueFactory, events, clock, retryWaits), pacing, clock),
            metricFactory, settings, pools, sentRecorder(events, clock));
    }

    // The outgoing queues of every source share one factory with this mailet's own: paced, and recording deferrals.
    private SmtpPlusRemoteDelivery(DNSService dnsServer, DomainList domainList, PacingQueueFactory queueFactory,
                                   MetricFactory metricFactory, SmtpPlusSettings settings, AccountPools pools,
                                   Consumer<Mail> sent) {
        super(dnsServer, domainList, queueFactory, metricFactory, sent);
        this.settings = settings;
        this.pools = pools;
        this.sourceStarter = (source, config) -> {
            RemoteDelivery delivery = new PooledRemoteDelivery(dnsServer, domainList, queueFactory, metricFactory, sent);
            delivery.init(config);
            return delivery;
        };
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
        settings.gateway().ifPresent(gateway -> defaults.put(RemoteDeliveryConfiguration.GATEWAY, gateway));
        defaults.put(RemoteDeliveryConfiguration.HELO_NAME, settings.sending().hostname());
        super.init(new DefaultedMailetConfig(config, defaults));
    }

    // Called by init(MailetConfig) once the configuration is set: checked before RemoteDelivery starts its threads.
    @Override
    public void init() throws MessagingException {
        checkInitParameters(Sets.union(Sets.union(REMOTE_DELIVERY_PARAMETERS, PooledRemoteDelivery.PARAMETERS), javaxProperties()));
        super.init();
        sources = new SourceDeliveries(getMailetConfig(), getMailetContext(), sourceStarter);
        startStoredPools();
    }

    // Copies queued for a pool's source before a restart (a durable queue) leave without waiting for a new copy.
    private void startStoredPools() throws MessagingException {
        try {
            sources.startAll(pools.allSources());
        } catch (StoreUnavailableException e) {
            LOGGER.warn("The store is unavailable ({}): the IP pools' deliveries start with their first copy", e.getMessage());
        }
    }

    /**
     * A copy of an account with an IP pool goes to the RemoteDelivery of its pool's next source; any other mail to
     * James's own. While the store cannot say which pool (rare: {@link SignWithDkim}, just before, waits for the store),
     * the copy leaves from the default address rather than wait, and the log says so.
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<SourceAddress> source;
        try {
            source = pools.sourceOf(mail);
        } catch (StoreUnavailableException e) {
            outageLog.admit().ifPresent(leftOut -> LOGGER.warn("The store is unavailable ({}): {} leaves from the default "
                + "address, whatever its account's IP pool{}", e.getMessage(), mail.getName(), LogThrottle.leftOut(leftOut)));
            source = Optional.empty();
        }
        if (source.isPresent()) {
            sources.of(source.get()).service(mail);
        } else {
            super.service(mail);
        }
    }

    @Override
    public void destroy() {
        if (sources != null) {
            sources.destroyAll();
        }
        super.destroy();
    }

    /**
     * James's context but for one thing: a mail with no recipient is not sent to a processor. RemoteDelivery hands its
     * {@code onSuccess} processor a copy with the recipients a next hop accepted, also when it accepted none (a 451 to
     * every RCPT); no matcher matches such a copy, so it fell off the end of that processor with James's "automatically
     * deleted" warning at every deferral. It has nothing to record: the deferral is recorded as the mail is requeued.
     */
    @Override
    public MailetContext getMailetContext() {
        MailetContext wrapped = context;
        if (wrapped == null) {
            wrapped = withoutEmptyMail(super.getMailetContext());
            context = wrapped;
        }
        return wrapped;
    }

    static MailetContext withoutEmptyMail(MailetContext james) {
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("sendMail") && arguments != null && arguments.length == 2
                    && arguments[0] instanceof Mail && arguments[1] instanceof String
                    && ((Mail) arguments[0]).getRecipients().isEmpty()) {
                    return null;
                }
                try {
                    return method.invoke(james, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    // The sent event of a delivered SMTP+ copy, on the delivery thread (no pass through an onSuccess processor).
    private static Consumer<Mail> sentRecorder(EventSink events, Clock clock) {
        return mail -> MailAttributes.eventContextOf(mail)
            .ifPresent(context -> RecordDeliveryEvent.record(events, clock, EventType.SENT, context, mail));
    }

    private Set<String> javaxProperties() {
        return Streams.stream(getInitParameterNames())
            .filter(name -> name.startsWith(RemoteDeliveryConfiguration.JAVAX_PREFIX))
            .collect(Collectors.toSet());
    }
}
