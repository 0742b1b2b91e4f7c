package org.smtpplus.guice;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.cassandra.CassandraStore;
import org.smtpplus.cassandra.CassandraStoreConfiguration;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.ratelimit.AuthThrottle;
import org.smtpplus.core.bounce.BounceRepository;
import org.smtpplus.core.bounce.ReasonClassifier;
import org.smtpplus.core.feedback.BounceRecorder;
import org.smtpplus.core.feedback.ComplaintRecorder;
import org.smtpplus.core.feedback.TokenEventContexts;
import org.smtpplus.core.feedback.Unsubscriber;
import org.smtpplus.core.token.GeneratedSecret;
import org.smtpplus.core.token.RecipientTokens;
import org.smtpplus.core.token.TokenAddresses;
import org.smtpplus.core.tracking.EngagementRecorder;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.directive.DirectiveParser;
import org.smtpplus.core.directive.SubmissionDirectives;
import org.smtpplus.core.event.EventQuery;
import org.smtpplus.core.event.EventReports;
import org.smtpplus.core.event.EventStore;
import org.smtpplus.core.event.EventSink;
import org.smtpplus.core.event.MemoryEventStore;
import org.smtpplus.core.notification.SentNotificationRepository;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.PoolSources;
import org.smtpplus.core.pool.RecentIpPools;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.schedule.ParkedMailRepository;
import org.smtpplus.core.schedule.ScheduledMessageRepository;
import org.smtpplus.core.settings.CassandraSettings;
import org.smtpplus.core.settings.InvalidSettingException;
import org.smtpplus.core.settings.SmtpPlusSettings;
import org.smtpplus.core.backend.MemoryStore;
import org.smtpplus.opensearch.OpenSearchEventStore;
import org.smtpplus.opensearch.OpenSearchEventStoreConfiguration;
import org.smtpplus.core.account.StaleOnOutageAccountRepository;
import org.smtpplus.core.account.VerifiedPasswords;
import org.smtpplus.core.backend.Store;
import org.smtpplus.core.store.StoreUnavailableException;
import org.smtpplus.core.domain.DnsRecords;
import org.smtpplus.core.domain.DomainChecker;
import org.smtpplus.core.domain.DomainReadiness;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.domain.SendingDomainJson;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.guice.dns.DnsDomainChecker;
import org.smtpplus.core.subscriber.SubscriberRepository;
import org.smtpplus.core.suppression.SuppressionRepository;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageReports;
import org.smtpplus.core.usage.UsageRepository;
import org.smtpplus.core.notification.NotificationTemplate;
import org.smtpplus.mailets.MailetNotificationSender;
import org.smtpplus.mailets.NotificationTemplates;
import org.smtpplus.core.webhook.HttpWebhookSender;
import org.smtpplus.core.webhook.RecentWebhooks;
import org.smtpplus.core.webhook.WebhookDispatcher;
import org.smtpplus.core.webhook.WebhookEventSink;
import org.smtpplus.core.webhook.WebhookOutbox;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

/**
 * The bindings every SMTP+ mailet, matcher, SMTP hook and WebAdmin route shares. James installs this module
 * ({@code guice.extension.module} in extensions.properties) once, in the injector all extensions come from, so
 * that its singletons are the same object for all of them.
 */
public class SmtpPlusModule extends AbstractModule {
    private static final String SETTINGS_FILE = "smtpplus";
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpPlusModule.class);
    private static final String SECRET_FILE = "smtpplus-secret";
    // opens and clicks waiting to be recorded: up to about 10 KB each (a 4 KB link, twice in UTF-16, and a user agent),
    // 20 MB at most
    private static final int ENGAGEMENTS_WAITING = 2_000;
    // usage reports claimed and waiting to be sent
    private static final int USAGE_REPORTS_WAITING = 1_000;
    // POSTs to receivers run at once, each webhook's one at a time: a slow receiver holds one thread
    private static final int WEBHOOK_THREADS = 4;

    @Override
    protected void configure() {
        bind(PasswordHasher.class).in(Scopes.SINGLETON);
        bind(EventQuery.class).to(EventStore.class);
        bind(EventReports.class).to(EventStore.class);
    }

    @Provides
    @Singleton
    DirectiveParser directiveParser(Clock clock) {  // James binds the Clock (ClockModule)
        return new DirectiveParser(clock);
    }

    @Provides
    @Singleton
    SubmissionDirectives submissionDirectives(Clock clock) {
        return new SubmissionDirectives(clock);
    }

    // One for every SMTP server of the relay: an address that fails on one port is throttled on all.
    @Provides
    @Singleton
    AuthThrottle authThrottle(SmtpPlusSettings settings, Clock clock) {
        return new AuthThrottle(settings.authLimits(), clock);
    }

    // One for every SMTP server of the relay too: a client that authenticated on one port is known on all.
    @Provides
    @Singleton
    VerifiedPasswords verifiedPasswords(PasswordHasher hasher) {
        return new VerifiedPasswords(hasher);
    }

    @Provides
    @Singleton
    SmtpPlusSettings settings(PropertiesProvider propertiesProvider) throws ConfigurationException, InvalidSettingException {
        try {
            Configuration configuration = propertiesProvider.getConfiguration(SETTINGS_FILE);
            // James splits property values at commas; contact points and replication maps contain some
            return SmtpPlusSettings.from(key -> Optional.of(String.join(",", configuration.getStringArray(key)).trim())
                .filter(value -> !value.isEmpty()));
        } catch (FileNotFoundException e) {
            return SmtpPlusSettings.DEFAULT;
        }
    }

    @Provides
    @Singleton
    Store store(SmtpPlusSettings settings) {
        switch (settings.store()) {
            case CASSANDRA:
                return cassandraStore(settings.cassandra());
            case MEMORY:
            default:
                return new MemoryStore();
        }
    }

    // The session lives as long as the JVM: closing it from a shutdown hook of its own would race with James's
    // shutdown, and fail the mail still being processed.
    private static Store cassandraStore(CassandraSettings settings) {
        return CassandraStore.start(CassandraStoreConfiguration.builder()
            .contactPoints(settings.contactPoints())
            .keyspace(settings.keyspace())
            .replication(settings.replication())
            .localDatacenter(settings.datacenter())
            .build());
    }

    @Provides
    @Singleton
    EventStore events(SmtpPlusSettings settings, JamesDirectoriesProvider directories, GaugeRegistry gauges) {
        EventStore store = eventStore(settings, directories);
        EventIndexingMetrics.register(gauges, store::backlog);
        return store;
    }

    /**
     * Every event goes to the event store, and to the outbox of each webhook that asks for it ({@link WebhookEventSink}):
     * whatever records an event records it here.
     */
    @Provides
    @Singleton
    WebhookEventSink webhookEventSink(EventStore events, RecentWebhooks webhooks) {
        return new WebhookEventSink(events, webhooks);
    }

    @Provides
    EventSink eventSink(WebhookEventSink sink) {
        return sink;
    }

    // One for the node, so that the routes' changes reach the events of this node at once.
    @Provides
    @Singleton
    RecentWebhooks recentWebhooks(Store store) {
        return new RecentWebhooks(store.webhooks(), Ticker.systemTicker());
    }

    @Provides
    WebhookOutbox webhookOutbox(Store store) {
        return store.webhookOutbox();
    }

    @Provides
    @Singleton
    WebhookDispatcher webhookDispatcher(RecentWebhooks webhooks, Store store, WebhookEventSink sink, Clock clock) {
        ExecutorService posts = Executors.newFixedThreadPool(WEBHOOK_THREADS, daemons("smtpplus-webhook-posts-%d"));
        // a name of its own at every start: a lease left by this node's last run expires rather than being renewed
        String node = UUID.randomUUID().toString();
        return new WebhookDispatcher(webhooks, store.webhookOutbox(), store.webhookLeases(), sink, new HttpWebhookSender(),
            clock, posts, node);
    }

    private static EventStore eventStore(SmtpPlusSettings settings, JamesDirectoriesProvider directories) {
        switch (settings.stats()) {
            case OPENSEARCH:
                EventStore store = OpenSearchEventStore.start(
                    OpenSearchEventStoreConfiguration.builder(Path.of(directories.getVarDirectory(), "smtpplus-events"))
                        .hosts(settings.openSearch().toString())
                        .indexPrefix(settings.openSearchIndexPrefix())
                        .maxEventsInMemory(settings.openSearchMemoryMaxEvents())
                        .maxJournalBytes(settings.openSearchJournalMaxBytes())
                        .build());
                // Events still in memory at exit go to the journal, replayed at the next start.
                Runtime.getRuntime().addShutdownHook(new Thread(store::close, "smtpplus-events-close"));
                return store;
            case MEMORY:
            default:
                return new MemoryEventStore();
        }
    }

    @Provides
    @Singleton
    AccountRepository accounts(Store store, SmtpPlusSettings settings) {
        // Accounts in the memory store cannot become unavailable; those of a remote store are served from the
        // last read during an outage, so that submissions are still accepted (and wait for the store in the spool).
        if (settings.store() == SmtpPlusSettings.StoreKind.MEMORY) {
            return store.accounts();
        }
        return new StaleOnOutageAccountRepository(store.accounts());
    }

    @Provides
    SubscriberRepository subscribers(Store store) {
        return store.subscribers();
    }

    @Provides
    SuppressionRepository suppressions(Store store) {
        return store.suppressions();
    }

    @Provides
    UsageRepository usage(Store store) {
        return store.usage();
    }

    @Provides
    @Singleton
    UsageMeter usageMeter(UsageRepository usage, Clock clock) {
        return new UsageMeter(usage, clock);
    }

    // The operator's conf/usage-report.template, read once at start, else the built-in one. One thread writes and sends
    // the reports the SMTP threads claimed: a few a month per account, so a short queue; past it a report is lost, and
    // logged.
    @Provides
    @Singleton
    UsageReports usageReports(SentNotificationRepository sent, MailetNotificationSender sender, FileSystem fileSystem,
                              BounceRepository bounces, Clock clock) throws MessagingException {
        NotificationTemplate template = NotificationTemplates.load(fileSystem, "file://conf/" + UsageReports.TEMPLATE,
            UsageReports.TEMPLATE);
        return new UsageReports(sent, sender, template, bounces, clock, oneThread("smtpplus-usage-reports", USAGE_REPORTS_WAITING));
    }

    // One for the node: RemoteDelivery's queue and the routes share its slots, waiting counts and connections.
    @Provides
    @Singleton
    Pacing pacing(Store store, Clock clock) {
        return new Pacing(store.pacingRules(), store.paceCounters(), clock);
    }

    @Provides
    BounceRepository bounces(Store store) {
        return store.bounces();
    }

    @Provides
    SentNotificationRepository sentNotifications(Store store) {
        return store.sentNotifications();
    }

    @Provides
    ScheduledMessageRepository scheduledMessages(Store store) {
        return store.scheduledMessages();
    }

    @Provides
    ParkedMailRepository parkedMails(Store store) {
        return store.parkedMails();
    }

    // One for the node, so that the routes' changes reach the recent reads of deliveries at once.
    @Provides
    @Singleton
    IpPoolRepository ipPools(Store store, SmtpPlusSettings settings) {
        if (settings.store() == SmtpPlusSettings.StoreKind.MEMORY) {
            return store.ipPools();
        }
        return new RecentIpPools(store.ipPools(), Ticker.systemTicker());
    }

    // one instance: it holds each pool's turn
    @Provides
    @Singleton
    PoolSources poolSources(IpPoolRepository pools) {
        return new PoolSources(pools);
    }

    @Provides
    @Singleton
    RecipientTokens recipientTokens(SmtpPlusSettings settings, JamesDirectoriesProvider directories, SendingDomains domains) {
        // Every node of a cluster must be given the same SMTPPLUS_SECRET: a generated one is this node's alone.
        if (settings.secret().isEmpty() && settings.store() == SmtpPlusSettings.StoreKind.CASSANDRA) {
            LOGGER.warn("{} is not set: this node signs tokens with a key of its own, which other nodes of a cluster "
                + "refuse (their bounces and unsubscribe links change nothing there). Give every node the same value.",
                SmtpPlusSettings.SECRET);
        }
        String secret = settings.secret()
            .orElseGet(() -> GeneratedSecret.loadOrCreate(Path.of(directories.getVarDirectory(), SECRET_FILE)));
        return new RecipientTokens(secret, new TokenAddresses(settings.bounceDomain(), domains::isReturnPathDomain), settings.publicUrl());
    }

    @Provides
    @Singleton
    SendingDomains sendingDomains(Store store, SmtpPlusSettings settings, Clock clock) {
        SendingDomains domains = new SendingDomains(store.sendingDomains(), settings.sending().dkimDomain(), settings.bounceDomain(), clock);
        try {
            domains.ensureRelayDomain();
        } catch (StoreUnavailableException e) {
            LOGGER.warn("Could not create the relay's own DKIM key for {} yet: copies wait for the store", settings.sending().dkimDomain(), e);
        }
        return domains;
    }

    @Provides
    @Singleton
    DomainRegistrations domainRegistrations(Store store, AccountRepository accounts, SendingDomains domains, Clock clock) {
        return new DomainRegistrations(store.sendingDomains(), accounts, domains, clock);
    }

    @Provides
    @Singleton
    DomainChecker domainChecker(SmtpPlusSettings settings, Clock clock) {
        return new DnsDomainChecker(settings.sending(), clock);
    }

    @Provides
    @Singleton
    DomainReadiness domainReadiness(DomainChecker checker, Store store, SendingDomains domains) {
        return new DomainReadiness(checker, store.sendingDomains(), domains);
    }

    @Provides
    @Singleton
    SendingDomainJson sendingDomainJson(SmtpPlusSettings settings) {
        return new SendingDomainJson(new DnsRecords(settings.sending()));
    }

    @Provides
    @Singleton
    TokenEventContexts tokenEventContexts(EventQuery events) {
        return new TokenEventContexts(events);
    }

    @Provides
    @Singleton
    Unsubscriber unsubscriber(Store store, EventSink events, TokenEventContexts contexts, Clock clock) {
        return new Unsubscriber(store.subscribers(), store.suppressions(), events, contexts, clock);
    }

    /**
     * One thread records the opens and clicks the public listener answers, so that a flood of them costs the mail
     * processing one core at most; beyond the 2,000 it keeps waiting, each is recorded on the request's thread without
     * its copy's earlier events (EngagementRecorder).
     */
    @Provides
    @Singleton
    EngagementRecorder engagementRecorder(EventQuery events, EventSink sink, Clock clock) {
        return new EngagementRecorder(events, sink, clock, oneThread("smtpplus-engagements", ENGAGEMENTS_WAITING),
            Ticker.systemTicker());
    }

    /** One daemon thread and at most {@code waiting} tasks waiting for it; a task beyond those is rejected. */
    private static ThreadPoolExecutor oneThread(String name, int waiting) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(waiting), daemons(name));
    }

    // Daemons: none of the relay's own threads keeps the JVM up once James stopped.
    static ThreadFactory daemons(String nameFormat) {
        return new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(true).build();
    }

    @Provides
    @Singleton
    ReasonClassifier reasonClassifier(SmtpPlusSettings settings) {
        return new ReasonClassifier(settings.bouncePhraseTable());
    }

    @Provides
    @Singleton
    BounceRecorder bounceRecorder(Store store, EventSink events) {
        return new BounceRecorder(store.bounces(), store.suppressions(), store.subscribers(), events);
    }

    @Provides
    @Singleton
    ComplaintRecorder complaintRecorder(Store store, EventSink events, TokenEventContexts contexts) {
        return new ComplaintRecorder(store.subscribers(), store.suppressions(), events, contexts);
    }
}
