package org.smtpplus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * James's clock, which SMTP+ reads everywhere it needs the time, set by a test: the system's clock moved by the
 * number of milliseconds written in the file that the environment variable {@value #FILE_VARIABLE} names (not moved
 * while the file is absent), read again at most every 100 ms (the test writes it: MonthlyReportTest). Every relay of a test class given the same file shares the time the test sets, in each
 * of their JVMs. Put in place in the relay by the launcher's test hook ({@link RelayExtension#withGuiceOverride}).
 */
public final class FileClockModule extends AbstractModule {
    static final String NAME = "org.smtpplus.it.FileClockModule";
    static final String FILE_VARIABLE = "SMTPPLUS_TEST_CLOCK_FILE";

    @Provides
    @Singleton
    Clock clock() {
        return new OffsetFileClock(Path.of(System.getenv(FILE_VARIABLE)), ZoneOffset.UTC);
    }

    private static final class OffsetFileClock extends Clock {
        private static final long READ_EVERY_NANOS = 100_000_000L;

        private final Path file;
        private final ZoneId zone;
        private volatile long offsetMillis;
        private volatile long readAt;
        private volatile boolean read;

        private OffsetFileClock(Path file, ZoneId zone) {
            this.file = file;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            long now = System.nanoTime();
            if (!read || now - readAt > READ_EVERY_NANOS) {
                offsetMillis = offset();
                readAt = now;
                read = true;
            }
            return Instant.now().plusMillis(offsetMillis);
        }

        private long offset() {
            try {
                return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            } catch (NoSuchFileException e) {
                return 0;
            } catch (IOException e) {
                throw new IllegalStateException("Could not read the test clock's " + file, e);
            }
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new OffsetFileClock(file, other);
        }
    }
}
