package org.smtpplus.launcher;

import java.io.FileNotFoundException;
import java.io.IOException;

import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * James's ActiveMQ mail queue in place of the memory one, for the spool and the outgoing queue of a cassandra store:
 * the embedded broker of James's JPA server, persisting to KahaDB under the working directory (SMTPPLUS_HOME, see
 * {@link DurableQueueStore}). It binds what James 3.8.1's {@code ActiveMQQueueModule} binds, a module James does not
 * publish on Maven Central (the queue itself, james-server-queue-activemq, it does), with one difference: the KahaDB
 * store is {@link DurableQueueStore#kahaDb}, which refuses a corrupt journal or one another relay holds instead of
 * starting with an empty queue or waiting for the lock for ever; and the queues reach the broker through
 * {@link #inProcessConnections}, not James's connection factory as it is.
 */
final class DurableMailQueueModule extends AbstractModule {
    // James reads its broker's metric settings from conf/activemq.properties, optional as in James.
    private static final String CONFIGURATION = "activemq";
    // EmbeddedActiveMQ's broker name; async=false: see inProcessConnections
    private static final String BROKER_URL = "vm://james?create=false&async=false";

    @Override
    protected void configure() {
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorImpl.class);
        bind(ActiveMQMetricCollectorImpl.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);
    }

    @Provides
    @Singleton
    PersistenceAdapter kahaDb(FileSystem fileSystem) throws IOException {
        return DurableQueueStore.kahaDb(fileSystem.getFile("file://" + DurableQueueStore.JOURNAL));
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedActiveMQ broker) {
        return inProcessConnections(broker);
    }

    /**
     * James's queues (ActiveMQMailQueueFactory's {@code @Inject} constructor) would take EmbeddedActiveMQ's factory as it
     * is; they get {@link #inProcessConnections} through its other public constructor.
     */
    @Provides
    @Singleton
    ActiveMQMailQueueFactory activeMqQueues(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators,
                                            MetricFactory metrics, GaugeRegistry gauges, ActiveMQMetricCollector collector) {
        return new ActiveMQMailQueueFactory(connections, decorators, metrics, gauges, collector);
    }

    /**
     * EmbeddedActiveMQ's connection factory (its prefetch of 0, blob transfer to var/store/activemq, trusted packages),
     * with the broker's commands carried out in the thread that sends them rather than handed to another thread and
     * back: the relay and its broker share one process, and each queue operation of James's JMS queue (a session and a
     * consumer made and closed for every mail taken) is several such commands. Handing each to a pool thread and
     * waiting for the answer cost the relay with the cassandra store more CPU than the rest of its queue work (the
     * measure is in the commit that made this change). Nothing about durability changes: a send still returns only once
     * KahaDB has written and synced it, a mail taken is still acknowledged only by the commit after its processing.
     * {@code alwaysSessionAsync=false}: a message for a consumer is handed to it in the thread that dispatches it, not by
     * a task of the session; {@code watchTopicAdvisories=false}: a connection does not subscribe to the broker's
     * advisories about temporary destinations, which only the size requests' reply queues use.
     */
    static ActiveMQConnectionFactory inProcessConnections(EmbeddedActiveMQ broker) {
        ActiveMQConnectionFactory connections = ((ActiveMQConnectionFactory) broker.getConnectionFactory()).copy();
        connections.setBrokerURL(BROKER_URL);
        connections.setAlwaysSessionAsync(false);
        connections.setWatchTopicAdvisories(false);
        return connections;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory queues) {
        queues.setUseJMX(true);
        queues.init();
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> mailQueues(ActiveMQMailQueueFactory queues) {
        return queues;
    }

    @Provides
    @Singleton
    ActiveMQConfiguration configuration(PropertiesProvider properties) throws ConfigurationException {
        try {
            return ActiveMQConfiguration.from(properties.getConfigurations(CONFIGURATION));
        } catch (FileNotFoundException e) {
            return ActiveMQConfiguration.getDefault();
        }
    }

    @ProvidesIntoSet
    InitializationOperation startMetrics(ActiveMQMetricCollector metrics) {
        return InitilizationOperationBuilder.forClass(ActiveMQMetricCollector.class).init(metrics::start);
    }
}
