package org.smtpplus.launcher;

import org.apache.james.ExtraProperties;
import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.RunArgumentsModule;
import org.apache.james.modules.server.JMXServerModule;
import org.apache.james.webadmin.mdc.RequestLogger;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * James 3.8.1's memory server composed as {@code MemoryJamesServerMain.main} composes it, plus one binding: the
 * {@link WebAdminRequestLog} in James's set of WebAdmin request loggers. It must be bound in James's own injector, where
 * WebAdmin's request filter is built: the drop-in jar's Guice modules are loaded into a child injector the filter never
 * sees. With a durable queue (the cassandra store) the memory mail queue is replaced by James's ActiveMQ one
 * ({@link DurableMailQueueModule}), so that the spool and the outgoing queue survive a restart or a crash. Everything
 * else of the server is stock, and the drop-in jar is loaded from extensions-jars/ as in any James.
 */
final class SmtpPlusServer {
    private SmtpPlusServer() {
    }

    static void start(boolean durableQueue) throws Exception {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        GuiceJamesServer server = MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule(), new JMXServerModule(), new AbstractModule() {
                @Override
                protected void configure() {
                    Multibinder.newSetBinder(binder(), RequestLogger.class).addBinding().to(WebAdminRequestLog.class);
                }
            })
            .overrideWith(new RunArgumentsModule(new String[0]));
        if (durableQueue) {
            server = server.overrideWith(new DurableMailQueueModule());
        }
        JamesServerMain.main(server);
    }
}
