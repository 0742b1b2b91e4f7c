package org.smtpplus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableQueueStoreTest {
    @TempDir
    Path home;

    @Test
    void aNewHomeGetsTheJournalDirectory() {
        new DurableQueueStore(home).check();

        assertThat(home.resolve("var/store/activemq/brokers/KahaDB")).isDirectory();
    }

    @Test
    void aJournalWithMessagesIsKeptAndReadAgain() throws Exception {
        Path journal = home.resolve(DurableQueueStore.JOURNAL);
        withBroker(journal, session -> send(session, "kept"));

        new DurableQueueStore(home).check();

        withBroker(journal, session -> assertThat(receive(session)).isEqualTo("kept"));
    }

    @Test
    void aFileWhereTheDirectoryGoesIsNamed() throws Exception {
        Files.createDirectories(home.resolve("var/store"));
        Files.writeString(home.resolve("var/store/activemq"), "not a directory");

        assertThatThrownBy(() -> new DurableQueueStore(home).check())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + home.resolve(DurableQueueStore.JOURNAL)
                + " cannot be created (");
    }

    @Test
    void anUnreadableDirectoryIsNamed() throws Exception {
        // root reads and writes any directory whatever its permissions.
        assumeThat(System.getProperty("user.name")).isNotEqualTo("root");
        Path journal = home.resolve(DurableQueueStore.JOURNAL);
        Files.createDirectories(journal);
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("---------"));
        try {
            assertThatThrownBy(() -> new DurableQueueStore(home).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + journal
                    + " is not readable and writable by the user the relay runs as");
        } finally {
            Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aFileSystemWithoutRoomForTheJournalIsNamed() {
        assertThatThrownBy(() -> new DurableQueueStore(home, Long.MAX_VALUE).check())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + home.resolve(DurableQueueStore.JOURNAL) + " has ")
            .hasMessageContaining("MB free on its file system, the mail queue needs at least");
    }

    @Test
    void aCorruptJournalIsRefusedRatherThanStartedEmpty() throws Exception {
        Path journal = home.resolve(DurableQueueStore.JOURNAL);
        withBroker(journal, session -> sendTen(session));
        overwriteStart(journal.resolve("db-1.log"));
        byte[] corrupt = Files.readAllBytes(journal.resolve("db-1.log"));

        assertThatThrownBy(() -> new DurableQueueStore(home).check())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + journal + " holds a journal that cannot be opened (")
            .hasMessageContaining("corrupt journal");
        assertThat(Files.readAllBytes(journal.resolve("db-1.log"))).as("the journal as the check found it").isEqualTo(corrupt);
        assertThatThrownBy(() -> new DurableQueueStore(home).check()).as("refused at the next start too").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheJournalWithEveryMessage() throws Exception {
        Path journal = home.resolve(DurableQueueStore.JOURNAL);
        withBroker(journal, session -> sendTen(session));
        overwriteStart(journal.resolve("db.data"));

        new DurableQueueStore(home).check();

        withBroker(journal, session -> {
            for (int i = 0; i < 10; i++) {
                assertThat(receive(session)).isEqualTo("mail " + i);
            }
        });
    }

    private static void sendTen(Session session) throws Exception {
        for (int i = 0; i < 10; i++) {
            send(session, "mail " + i);
        }
    }

    private static void overwriteStart(Path file) throws Exception {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5a);
            data.seek(0);
            data.write(garbage);
        }
    }

    @Test
    void aJournalAnotherRelayHoldsIsRefusedAtOnce() throws Exception {
        Path journal = home.resolve(DurableQueueStore.JOURNAL);
        withBroker(journal, session -> assertThatThrownBy(() -> new DurableQueueStore(home).check())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + journal + " holds a journal that cannot be opened ("));
        assertThatCode(() -> new DurableQueueStore(home).check()).as("released").doesNotThrowAnyException();
    }

    private interface SessionUse {
        void accept(Session session) throws Exception;
    }

    // A broker on the journal as James's EmbeddedActiveMQ starts one.
    private static void withBroker(Path journal, SessionUse use) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName("test");
        broker.setUseJmx(false);
        broker.setPersistent(true);
        broker.setUseShutdownHook(false);
        broker.setDataDirectoryFile(journal.getParent().toFile());
        broker.setPersistenceAdapter(DurableQueueStore.kahaDb(journal.toFile()));
        broker.start();
        try {
            Connection connection = new ActiveMQConnectionFactory("vm://test?create=false").createConnection();
            connection.start();
            try {
                use.accept(connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
            } finally {
                connection.close();
            }
        } finally {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    private static void send(Session session, String text) throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("spool"));
        producer.send(session.createTextMessage(text), DeliveryMode.PERSISTENT, 4, 0);
    }

    private static String receive(Session session) throws Exception {
        // Closed after one message: a consumer left open would keep the ones it fetched ahead from the next.
        MessageConsumer consumer = session.createConsumer(session.createQueue("spool"));
        try {
            TextMessage message = (TextMessage) consumer.receive(5000);
            assertThat(message).as("a message in the queue").isNotNull();
            return message.getText();
        } finally {
            consumer.close();
        }
    }
}
