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
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/**
 * James 3.8.1's memory server composed as {@code MemoryJamesServerMain.main} composes it, plus one binding: the
 * {@link WebAdminRequestLog} in James's set of WebAdmin request loggers. It must be bound in James's own injector, where
 * WebAdmin's request filter is built: the drop-in jar's Guice modules are loaded into a child injector the filter never
 * sees. The spool and the outgoing queue are not James's memory mail queue: with a durable queue (the cassandra store)
 * they are James's ActiveMQ one ({@link DurableMailQueueModule}), so that they survive a restart or a crash; otherwise
 * {@link MemoryMailQueues}, which copies a queued mail once where James's copies it three times. Everything else of
 * the server is stock, and the drop-in jar is loaded from extensions-jars/ as in any James.
 *
 * <p>A test hook, never set by {@code ./smtpplus run} nor the packaged scripts: the system property
 * {@value #TEST_MODULES} names Guice module classes (comma-separated, each with a public no-argument constructor, on
 * the JVM's class path) whose bindings override James's last, e.g. a mail queue that ignores delays as the
 * distributed James's RabbitMQ one does (integration-tests: RetryWaitTest).
 */
final class SmtpPlusServer {
    static final String TEST_MODULES = "smtpplus.test.guice.modules";

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
        server = server.overrideWith(durableQueue ? new DurableMailQueueModule() : new MemoryMailQueuesModule());
        String testModules = System.getProperty(TEST_MODULES, "").trim();
        if (!testModules.isEmpty()) {
            server = server.overrideWith(testModules(testModules));
        }
        JamesServerMain.main(server);
    }

    private static Module[] testModules(String classNames) throws ReflectiveOperationException {
        String[] names = classNames.split(",");
        Module[] modules = new Module[names.length];
        for (int i = 0; i < names.length; i++) {
            modules[i] = (Module) Class.forName(names[i].trim()).getConstructor().newInstance();
        }
        return modules;
    }
}
