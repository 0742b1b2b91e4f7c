package org.smtpplus.core.linear;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from a stream: how much of its input a reader needed, and whether it read any twice. */
public final class CountingInputStream extends FilterInputStream {
    private long bytesRead;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        if (read >= 0) {
            bytesRead++;
        }
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            bytesRead += read;
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(count);
        bytesRead += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
