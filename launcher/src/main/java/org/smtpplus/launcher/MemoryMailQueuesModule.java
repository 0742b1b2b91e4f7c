package org.smtpplus.launcher;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

/** {@link MemoryMailQueues} in place of James's memory mail queue, bound under the names James's memory module binds. */
final class MemoryMailQueuesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MemoryMailQueues.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(MemoryMailQueues queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MemoryMailQueues queues) {
        return queues;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> mailQueues(MemoryMailQueues queues) {
        return queues;
    }
}
