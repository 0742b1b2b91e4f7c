package org.smtpplus.core.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The physical lines of a text, numbered from 1, each with its line break (CRLF, LF or a lone CR), holding at most
 * a given number of characters, line break included: a longer line is read to its end but comes without its text.
 */
final class PhysicalLines {
    static final class Line {
        final long number;
        final String text;
        final boolean tooLong;

        Line(long number, String text, boolean tooLong) {
            this.number = number;
            this.text = text;
            this.tooLong = tooLong;
        }
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final int END = -1;

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private final Deque<Line> handedBack = new ArrayDeque<>();
    private int position;
    private int limit;
    private long lastNumber;

    PhysicalLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    Optional<Line> next() throws IOException {
        if (!handedBack.isEmpty()) {
            return Optional.of(handedBack.removeFirst());
        }
        // Java's UTF-8 decoder keeps a byte order mark, and spreadsheets write one
        if (lastNumber == 0 && peek() == BYTE_ORDER_MARK) {
            read();
        }
        if (peek() == END) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        int c = read();
        while (c != END) {
            tooLong |= !keep(text, (char) c);
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                break;
            }
            c = read();
        }
        lastNumber++;
        return Optional.of(new Line(lastNumber, tooLong ? "" : text.toString(), tooLong));
    }

    private boolean keep(StringBuilder text, char c) {
        if (text.length() == maxChars) {
            return false;
        }
        text.append(c);
        return true;
    }

    /**
     * Makes {@link #next} return these lines again, in this order, before reading on.
     */
    void handBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            handedBack.addFirst(lines.get(i));
        }
    }

    private int peek() throws IOException {
        if (position == limit) {
            limit = reader.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return END;
            }
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != END) {
            position++;
        }
        return c;
    }
}
