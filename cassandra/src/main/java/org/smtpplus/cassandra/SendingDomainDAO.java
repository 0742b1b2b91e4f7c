package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.smtpplus.core.domain.DkimKey;
import org.smtpplus.core.domain.DomainStatus;
import org.smtpplus.core.domain.DomainStatus.Dkim;
import org.smtpplus.core.domain.DomainStatus.Presence;
import org.smtpplus.core.domain.DomainStatus.Spf;
import org.smtpplus.core.domain.SendingDomain;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.querybuilder.condition.Condition;
import com.datastax.oss.driver.api.querybuilder.update.Assignment;
import com.datastax.oss.driver.api.querybuilder.update.Update;

/**
 * The statements of table {@code sending_domains}, one row per domain, and the mapping of its rows. Every write is a
 * lightweight transaction: {@link #insertIfNotExists} must let exactly one of the nodes starting at once create the
 * relay's key, and Paxos writes mixed with plain ones on the same row could order them wrongly (a plain write is
 * timestamped by the client, a transaction by the coordinator). Failures are the repository's to translate.
 */
final class SendingDomainDAO {
    private static final String DOMAIN = "domain";
    private static final String ACCOUNT = "account";
    private static final String RETURN_PATH = "return_path";
    private static final String DKIM = "dkim";
    private static final String NEXT_DKIM = "next_dkim";
    private static final String STATUS = "status";
    // fields of dkim_key
    private static final String SELECTOR = "selector";
    private static final String PUBLIC_KEY = "public_key";
    private static final String PRIVATE_KEY = "private_key";
    private static final String CREATED_AT = "created_at";
    // fields of domain_status (dkim and next_dkim as above)
    private static final String SPF = "spf";
    private static final String DMARC = "dmarc";
    private static final String CHECKED_AT = "checked_at";
    // the bind markers of a compare-and-set's conditions: the columns as the caller read them
    private static final String EXPECTED = "expected_";
    // every column but the key: each update sets them all, each compare-and-set compares them all
    private static final List<String> COLUMNS = List.of(ACCOUNT, RETURN_PATH, DKIM, NEXT_DKIM, STATUS);

    private final CqlSession session;
    private final PreparedStatement insertIfNotExists;
    private final PreparedStatement updateIfUnchanged;
    private final PreparedStatement deleteIfExists;
    private final PreparedStatement deleteIfUnchanged;
    private final PreparedStatement select;
    private final PreparedStatement selectAll;
    private final UserDefinedType keyType;
    private final UserDefinedType statusType;

    SendingDomainDAO(CqlSession session) {
        this.session = session;
        this.insertIfNotExists = session.prepare(insertInto(CassandraSchema.SENDING_DOMAINS)
            .value(DOMAIN, bindMarker(DOMAIN))
            .value(ACCOUNT, bindMarker(ACCOUNT))
            .value(RETURN_PATH, bindMarker(RETURN_PATH))
            .value(DKIM, bindMarker(DKIM))
            .value(NEXT_DKIM, bindMarker(NEXT_DKIM))
            .value(STATUS, bindMarker(STATUS))
            .ifNotExists()
            .build());
        // A condition "= null" holds on a null column (an absent account, next key or status) and on no other; the
        // frozen key and status compare as whole values, byte for byte.
        this.updateIfUnchanged = session.prepare(updateEveryColumn()
            .if_(unchanged())
            .build());
        this.deleteIfExists = session.prepare(deleteFrom(CassandraSchema.SENDING_DOMAINS)
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN))
            .ifExists()
            .build());
        this.deleteIfUnchanged = session.prepare(deleteFrom(CassandraSchema.SENDING_DOMAINS)
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN))
            .if_(unchanged())
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.SENDING_DOMAINS).all()
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.SENDING_DOMAINS).all().build());
        // the statement knows the types: no schema metadata lookup needed
        this.keyType = (UserDefinedType) insertIfNotExists.getVariableDefinitions().get(DKIM).getType();
        this.statusType = (UserDefinedType) insertIfNotExists.getVariableDefinitions().get(STATUS).getType();
    }

    /** {@code UPDATE sending_domains SET account = :account, ..., status = :status WHERE domain = :domain}. */
    private static Update updateEveryColumn() {
        return update(CassandraSchema.SENDING_DOMAINS)
            .set(COLUMNS.stream().map(column -> Assignment.setColumn(column, bindMarker(column))).collect(Collectors.toList()))
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN));
    }

    /**
     * {@code IF account = :expected_account AND ... AND status = :expected_status}. A condition "= null" holds on a
     * null column (an absent account, next key or status) and on no other; the frozen key and status compare as whole
     * values, byte for byte.
     */
    private static List<Condition> unchanged() {
        return COLUMNS.stream().map(column -> Condition.column(column).isEqualTo(bindMarker(EXPECTED + column)))
            .collect(Collectors.toList());
    }

    Optional<SendingDomain> select(String domain) {
        return Optional.ofNullable(session.execute(select.bind().setString(DOMAIN, domain)).one()).map(this::toDomain);
    }

    /** In token order: a relay has some hundreds of domains at most, read whole. */
    List<SendingDomain> selectAll() {
        return session.execute(selectAll.bind()).all().stream().map(this::toDomain).collect(Collectors.toList());
    }

    /** True when the row was missing and is now this domain. */
    boolean insertIfNotExists(SendingDomain domain) {
        return session.execute(bound(insertIfNotExists, domain)).wasApplied();
    }


    /** True when the row existed and held {@code expected}, column for column, and now holds {@code updated}. */
    boolean updateIfUnchanged(SendingDomain expected, SendingDomain updated) {
        return session.execute(expected(bound(updateIfUnchanged, updated), expected)).wasApplied();
    }

    /** True when the row existed and held {@code expected}, column for column, and is now deleted. */
    boolean deleteIfUnchanged(SendingDomain expected) {
        return session.execute(expected(deleteIfUnchanged.bind().setString(DOMAIN, expected.domain()), expected)).wasApplied();
    }

    /** True when the row existed. */
    boolean deleteIfExists(String domain) {
        return session.execute(deleteIfExists.bind().setString(DOMAIN, domain)).wasApplied();
    }

    private BoundStatement bound(PreparedStatement statement, SendingDomain domain) {
        return columns(statement.bind().setString(DOMAIN, domain.domain()), "", domain);
    }

    private BoundStatement expected(BoundStatement statement, SendingDomain expected) {
        return columns(statement, EXPECTED, expected);
    }

    /** Binds the {@link #COLUMNS} of {@code domain} to the markers named {@code prefix} and the column. */
    private BoundStatement columns(BoundStatement statement, String prefix, SendingDomain domain) {
        return statement
            .setString(prefix + ACCOUNT, domain.account().orElse(null))
            .setString(prefix + RETURN_PATH, domain.returnPath())
            .setUdtValue(prefix + DKIM, toUdt(domain.dkim()))
            .setUdtValue(prefix + NEXT_DKIM, domain.nextDkim().map(this::toUdt).orElse(null))
            .setUdtValue(prefix + STATUS, domain.status().map(this::toUdt).orElse(null));
    }

    private UdtValue toUdt(DkimKey key) {
        return keyType.newValue()
            .setString(SELECTOR, key.selector())
            .setByteBuffer(PUBLIC_KEY, ByteBuffer.wrap(key.publicKeyBytes()))
            .setByteBuffer(PRIVATE_KEY, ByteBuffer.wrap(key.privateKeyBytes()))
            .setInstant(CREATED_AT, key.createdAt());
    }

    private UdtValue toUdt(DomainStatus status) {
        return statusType.newValue()
            .setString(DKIM, status.dkim().asJson())
            .setString(NEXT_DKIM, status.nextDkim().map(Dkim::asJson).orElse(null))
            .setString(RETURN_PATH, status.returnPath().asJson())
            .setString(SPF, status.spf().asJson())
            .setString(DMARC, status.dmarc().asJson())
            .setInstant(CHECKED_AT, status.checkedAt());
    }

    private SendingDomain toDomain(Row row) {
        String domain = row.getString(DOMAIN);
        UdtValue dkim = row.getUdtValue(DKIM);
        if (dkim == null) {
            throw new IllegalStateException("Sending domain " + domain + " has no " + DKIM + " key in " + CassandraSchema.SENDING_DOMAINS);
        }
        return new SendingDomain(domain,
            Optional.ofNullable(row.getString(ACCOUNT)),
            row.getString(RETURN_PATH),
            toKey(dkim),
            Optional.ofNullable(row.getUdtValue(NEXT_DKIM)).map(SendingDomainDAO::toKey),
            Optional.ofNullable(row.getUdtValue(STATUS)).map(status -> toStatus(domain, status)));
    }

    private static DkimKey toKey(UdtValue key) {
        return new DkimKey(key.getString(SELECTOR), bytes(key.getByteBuffer(PUBLIC_KEY)), bytes(key.getByteBuffer(PRIVATE_KEY)),
            key.getInstant(CREATED_AT));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static DomainStatus toStatus(String domain, UdtValue status) {
        return new DomainStatus(
            parse(Dkim.values(), Dkim::asJson, domain, DKIM, status.getString(DKIM)),
            Optional.ofNullable(status.getString(NEXT_DKIM)).map(value -> parse(Dkim.values(), Dkim::asJson, domain, NEXT_DKIM, value)),
            parse(Presence.values(), Presence::asJson, domain, RETURN_PATH, status.getString(RETURN_PATH)),
            parse(Spf.values(), Spf::asJson, domain, SPF, status.getString(SPF)),
            parse(Presence.values(), Presence::asJson, domain, DMARC, status.getString(DMARC)),
            status.getInstant(CHECKED_AT));
    }

    /** The value of a status field, written as its {@code asJson()}. */
    private static <E> E parse(E[] values, Function<E, String> asJson, String domain, String field, String value) {
        return Arrays.stream(values).filter(candidate -> asJson.apply(candidate).equals(value)).findFirst()
            .orElseThrow(() -> new IllegalStateException("Unknown " + STATUS + "." + field + " '" + value + "' of sending domain "
                + domain + " in " + CassandraSchema.SENDING_DOMAINS));
    }
}
