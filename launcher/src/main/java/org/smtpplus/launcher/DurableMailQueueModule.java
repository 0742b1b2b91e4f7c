package org.smtpplus.launcher;

import java.io.FileNotFoundException;
import java.io.IOException;

import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
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
 * starting with an empty queue or waiting for the lock for ever.
 */
final class DurableMailQueueModule extends AbstractModule {
    // James reads its broker's metric settings from conf/activemq.properties, optional as in James.
    private static final String CONFIGURATION = "activemq";

    @Override
    protected void configure() {
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).in(Scopes.SINGLETON);
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
        return broker.getConnectionFactory();
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
