package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.smtpplus.core.schedule.ParkedMail;
import org.smtpplus.core.schedule.ParkedMailRepository;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;

/**
 * Parked mail in two tables, every row expiring {@link #TTL_SECONDS} after it was written: {@code parked_mails},
 * one row per key, holds the envelope and names the generation of the content; {@code parked_mail_chunks}, one
 * partition per key and generation, holds the content in chunks of at most {@link #CHUNK_SIZE} bytes. A keep writes
 * a new generation's chunks, then the row pointing at them, then deletes the previous generation: a reader sees the
 * previous mail or the new one, whole. docs/cassandra-schema.md gives the reasoning.
 */
public class CassandraParkedMailRepository implements ParkedMailRepository {
    /** As long as the scheduled message whose content this is. */
    static final int TTL_SECONDS = CassandraScheduledMessageRepository.TTL_SECONDS;
    /** Well under Cassandra's mutation size limit (half a 32 MB commit log segment) and easy on its heap. */
    static final int CHUNK_SIZE = 1024 * 1024;
    // a page of chunks is one response, which the coordinator and the driver hold whole: a few megabytes
    private static final int CHUNKS_PER_PAGE = 4;
    // chunk writes in flight at once: a big mail is written in parallel without a burst of 50 MB at one node
    private static final int CONCURRENT_WRITES = 4;

    private static final String KEY = "key";
    private static final String NAME = "name";
    private static final String SENDER = "sender";
    private static final String RECIPIENTS = "recipients";
    private static final String ATTRIBUTES = "attributes";
    private static final String SIZE = "size";
    private static final String CHUNKS = "chunks";
    private static final String GENERATION = "generation";
    private static final String CHUNK_INDEX = "chunk_index";
    private static final String DATA = "data";

    private final CqlSession session;
    private final PreparedStatement insertMail;
    private final PreparedStatement selectMail;
    private final PreparedStatement selectGeneration;
    private final PreparedStatement deleteMail;
    private final PreparedStatement insertChunk;
    private final PreparedStatement selectChunks;
    private final PreparedStatement deleteChunks;

    public CassandraParkedMailRepository(CqlSession session) {
        this.session = session;
        this.insertMail = session.prepare(insertInto(CassandraSchema.PARKED_MAILS)
            .value(KEY, bindMarker(KEY))
            .value(NAME, bindMarker(NAME))
            .value(SENDER, bindMarker(SENDER))
            .value(RECIPIENTS, bindMarker(RECIPIENTS))
            .value(ATTRIBUTES, bindMarker(ATTRIBUTES))
            .value(SIZE, bindMarker(SIZE))
            .value(CHUNKS, bindMarker(CHUNKS))
            .value(GENERATION, bindMarker(GENERATION))
            .usingTtl(TTL_SECONDS)
            .build());
        this.selectMail = session.prepare(selectFrom(CassandraSchema.PARKED_MAILS).all()
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .build());
        this.selectGeneration = session.prepare(selectFrom(CassandraSchema.PARKED_MAILS).column(GENERATION)
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .build());
        this.deleteMail = session.prepare(deleteFrom(CassandraSchema.PARKED_MAILS)
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .build());
        this.insertChunk = session.prepare(insertInto(CassandraSchema.PARKED_MAIL_CHUNKS)
            .value(KEY, bindMarker(KEY))
            .value(GENERATION, bindMarker(GENERATION))
            .value(CHUNK_INDEX, bindMarker(CHUNK_INDEX))
            .value(DATA, bindMarker(DATA))
            .usingTtl(TTL_SECONDS)
            .build());
        this.selectChunks = session.prepare(selectFrom(CassandraSchema.PARKED_MAIL_CHUNKS).columns(CHUNK_INDEX, DATA)
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .whereColumn(GENERATION).isEqualTo(bindMarker(GENERATION))
            .build());
        this.deleteChunks = session.prepare(deleteFrom(CassandraSchema.PARKED_MAIL_CHUNKS)
            .whereColumn(KEY).isEqualTo(bindMarker(KEY))
            .whereColumn(GENERATION).isEqualTo(bindMarker(GENERATION))
            .build());
    }

    /**
     * Writes the chunks of a new generation, then the row pointing at them, then deletes the previous generation's
     * chunks. A keep cut short, or racing another keep of the key, leaves chunks that no row points at: they expire.
     */
    @Override
    public void keep(String key, ParkedMail mail) {
        translated("ParkedMailRepository.keep", () -> {
            Optional<UUID> previous = generationOf(key);
            UUID generation = Uuids.random();
            int chunks = writeChunks(key, generation, mail.content());
            session.execute(insertMail.bind()
                .setString(KEY, key)
                .setString(NAME, mail.name())
                // written even when absent: the null replaces the sender of the mail kept before
                .setString(SENDER, mail.sender().orElse(null))
                .setList(RECIPIENTS, mail.recipients(), String.class)
                .setMap(ATTRIBUTES, mail.attributes(), String.class, String.class)
                .setLong(SIZE, mail.size())
                .setInt(CHUNKS, chunks)
                .setUuid(GENERATION, generation));
            previous.ifPresent(old -> deleteGeneration(key, old));
            return null;
        });
    }

    /** Writes {@link #CONCURRENT_WRITES} chunks at a time, each a view of the content rather than a copy. */
    private int writeChunks(String key, UUID generation, ByteBuffer content) {
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int from = 0; from < content.limit(); from += CHUNK_SIZE) {
            chunks.add(content.duplicate().position(from).limit(Math.min(from + CHUNK_SIZE, content.limit())).slice());
        }
        List<Integer> indexes = IntStream.range(0, chunks.size()).boxed().collect(Collectors.toList());
        ParallelRequests.inOrder(indexes, CONCURRENT_WRITES, index -> session.executeAsync(insertChunk.bind()
            .setString(KEY, key)
            .setUuid(GENERATION, generation)
            .setInt(CHUNK_INDEX, index)
            .setByteBuffer(DATA, chunks.get(index))));
        return chunks.size();
    }

    /**
     * Reads the row, then its generation's chunks, a page at a time, into the mail's array. When they are gone, a
     * keep or delete of the key replaced the row since it was read: the row is read again.
     */
    @Override
    public Optional<ParkedMail> get(String key) {
        return translated("ParkedMailRepository.get", () -> {
            Optional<Row> row = Optional.ofNullable(session.execute(selectMail.bind().setString(KEY, key)).one());
            while (row.isPresent()) {
                Optional<ParkedMail> mail = readMail(key, row.get());
                if (mail.isPresent()) {
                    return mail;
                }
                UUID generation = row.get().getUuid(GENERATION);
                row = Optional.ofNullable(session.execute(selectMail.bind().setString(KEY, key)).one())
                    // the same generation without its chunks: they expired, a moment before the row written after them
                    .filter(again -> !again.getUuid(GENERATION).equals(generation));
            }
            return Optional.empty();
        });
    }

    private Optional<ParkedMail> readMail(String key, Row row) {
        UUID generation = row.getUuid(GENERATION);
        InputStream content = new ChunkStream(new PagedRows(session.executeAsync(selectChunks.bind()
            .setString(KEY, key)
            .setUuid(GENERATION, generation)
            .setPageSize(CHUNKS_PER_PAGE))), row.getInt(CHUNKS));
        try {
            return Optional.of(ParkedMail.read(row.getString(NAME),
                Optional.ofNullable(row.getString(SENDER)),
                row.getList(RECIPIENTS, String.class),
                row.getMap(ATTRIBUTES, String.class, String.class),
                content,
                Math.toIntExact(row.getLong(SIZE))));
        } catch (EOFException e) {
            return Optional.empty();
        } catch (IOException e) {
            // ChunkStream reads rows the driver fetched, and fails with the driver's unchecked exceptions only
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the row before the chunks: a reader then finds the mail whole or not at all, as {@link #get} reads the
     * row again when the chunks it was reading are gone.
     */
    @Override
    public boolean delete(String key) {
        return translated("ParkedMailRepository.delete", () -> {
            Optional<UUID> generation = generationOf(key);
            generation.ifPresent(kept -> {
                session.execute(deleteMail.bind().setString(KEY, key));
                deleteGeneration(key, kept);
            });
            return generation.isPresent();
        });
    }

    private Optional<UUID> generationOf(String key) {
        return Optional.ofNullable(session.execute(selectGeneration.bind().setString(KEY, key)).one())
            .map(row -> row.getUuid(GENERATION));
    }

    private void deleteGeneration(String key, UUID generation) {
        session.execute(deleteChunks.bind().setString(KEY, key).setUuid(GENERATION, generation));
    }

    /**
     * The data of chunks {@code 0} to {@code chunks - 1} of a generation, in order; a missing chunk ends it, and the
     * mail read from it then fails with {@link EOFException}. Holds a page of chunks at a time.
     */
    private static final class ChunkStream extends InputStream {
        private final Iterator<Row> rows;
        private final int chunks;
        private int nextIndex;
        private ByteBuffer current = ByteBuffer.allocate(0);

        private ChunkStream(Iterator<Row> rows, int chunks) {
            this.rows = rows;
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!current.hasRemaining() && !nextChunk()) {
                return -1;
            }
            int read = Math.min(length, current.remaining());
            current.get(buffer, offset, read);
            return read;
        }

        private boolean nextChunk() {
            while (!current.hasRemaining()) {
                if (nextIndex == chunks || !rows.hasNext()) {
                    return false;
                }
                Row row = rows.next();
                if (row.getInt(CHUNK_INDEX) != nextIndex) {
                    return false;
                }
                nextIndex++;
                current = row.getByteBuffer(DATA);
            }
            return true;
        }
    }
}
