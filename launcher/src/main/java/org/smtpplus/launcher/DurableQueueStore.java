package org.smtpplus.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.broker.Locker;
import org.apache.activemq.store.SharedFileLocker;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.activemq.store.kahadb.disk.journal.Journal;

/**
 * Where the durable mail queue of a cassandra store lives, and its check before James starts: James's embedded ActiveMQ
 * broker keeps its KahaDB journal and the messages' bodies (blob-transfer) under var/store/activemq of its working
 * directory, SMTPPLUS_HOME (the places are EmbeddedActiveMQ's, fixed in James). A directory the relay cannot create,
 * read or write, a file system without room for a journal file, a corrupt journal or one another relay holds stop
 * ./smtpplus run with one line naming the path: James would otherwise fail deep in its start, wait for the lock for
 * ever, or start on an empty queue.
 */
final class DurableQueueStore {
    static final String DIRECTORY = "var/store/activemq";
    static final String JOURNAL = DIRECTORY + "/brokers/KahaDB";
    // KahaDB allocates its journal a whole file at a time (32 MB); two leave room for the rotation to the next.
    static final long MINIMUM_FREE_BYTES = 2L * Journal.DEFAULT_MAX_FILE_LENGTH;

    private final Path home;
    private final long minimumFreeBytes;

    DurableQueueStore(Path home) {
        this(home, MINIMUM_FREE_BYTES);
    }

    DurableQueueStore(Path home, long minimumFreeBytes) {
        this.home = home;
        this.minimumFreeBytes = minimumFreeBytes;
    }

    /**
     * The KahaDB store in {@code directory} that James's broker persists to: every journal file checked at start (a
     * corrupt one fails the start rather than being skipped), and the lock of its directory refused at once when another
     * process holds it.
     */
    static KahaDBPersistenceAdapter kahaDb(File directory) throws IOException {
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        // Before the locker, which takes its lock file's place from it.
        kahaDb.setDirectory(directory);
        kahaDb.setChecksumJournalFiles(true);
        kahaDb.setCheckForCorruptJournalFiles(true);
        kahaDb.setIgnoreMissingJournalfiles(false);
        Locker locker = new SharedFileLocker();
        locker.setFailIfLocked(true);
        kahaDb.setLocker(locker);
        return kahaDb;
    }

    /** @throws IllegalArgumentException naming SMTPPLUS_HOME, the path and what is wrong with it */
    void check() {
        Path journal = home.resolve(JOURNAL);
        try {
            Files.createDirectories(journal);
        } catch (IOException e) {
            throw refusal(journal, "cannot be created (" + e + ")");
        }
        for (Path directory = journal; directory.startsWith(home.resolve(DIRECTORY)); directory = directory.getParent()) {
            if (!Files.isReadable(directory) || !Files.isWritable(directory) || !Files.isExecutable(directory)) {
                throw refusal(directory, "is not readable and writable by the user the relay runs as (" + System.getProperty("user.name") + ")");
            }
        }
        long free;
        try {
            free = Files.getFileStore(journal).getUsableSpace();
        } catch (IOException e) {
            throw refusal(journal, "is on a file system whose free space cannot be read (" + e + ")");
        }
        if (free < minimumFreeBytes) {
            throw refusal(journal, "has " + free / (1024 * 1024) + " MB free on its file system, the mail queue needs at least "
                + minimumFreeBytes / (1024 * 1024) + " MB: make room on it");
        }
        KahaDBPersistenceAdapter kahaDb;
        try {
            kahaDb = kahaDb(journal.toFile());
        } catch (IOException e) {
            throw refusal(journal, "cannot hold the journal's lock file (" + e + ")");
        }
        try {
            kahaDb.start();
        } catch (Exception e) {
            // Only the lock is released: stopping the store would write its checkpoint into the journal it could not
            // read, over what the operator has to restore or move.
            release(kahaDb);
            throw refusal(journal, "holds a journal that cannot be opened (" + e + "): restore it from a backup, or move it away "
                + "to start with an empty queue (docs/operator-guide.md, durable single node)");
        }
        try {
            kahaDb.stop();
        } catch (Exception e) {
            throw refusal(journal, "holds a journal that cannot be closed (" + e + ")");
        }
    }

    private static void release(KahaDBPersistenceAdapter kahaDb) {
        try {
            kahaDb.getLocker().stop();
        } catch (Exception e) {
            // The process is about to exit, which releases it too.
        }
    }

    private IllegalArgumentException refusal(Path path, String problem) {
        return new IllegalArgumentException("SMTPPLUS_HOME=" + home + ": the mail queue's directory " + path + " " + problem);
    }
}
