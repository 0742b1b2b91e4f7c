package org.smtpplus.core.bounce.report;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends after a number of bytes, so that a huge or endless input costs bounded time. */
final class LimitedInputStream extends FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
    }

    boolean isExhausted() {
        return remaining <= 0;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int read = super.read();
        if (read >= 0) {
            remaining--;
        }
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int read = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (read > 0) {
            remaining -= read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(Math.min(count, Math.max(remaining, 0)));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), Math.max(remaining, 0));
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
