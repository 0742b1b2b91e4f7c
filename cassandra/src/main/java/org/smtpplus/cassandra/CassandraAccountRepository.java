package org.smtpplus.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static org.smtpplus.cassandra.CassandraFailures.translated;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.Plan;
import org.smtpplus.core.merge.TextAndHtml;
import org.smtpplus.core.tracking.TrackingSettings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;

/**
 * Accounts in table {@code accounts}, one row per account. There are few accounts (the relay's SMTP AUTH users),
 * so {@link #list()} reads them all and sorts them here.
 */
public class CassandraAccountRepository implements AccountRepository {
    private static final String NAME = "name";
    private static final String PASSWORD_HASH = "password_hash";
    private static final String AUTHORIZED_DOMAINS = "authorized_domains";
    private static final String AUTHORIZED_SENDERS = "authorized_senders";
    private static final String PLAN = "plan";
    private static final String MESSAGES_PER_MONTH = "messages_per_month";
    private static final String MEGABYTES_PER_MONTH = "megabytes_per_month";
    private static final String OVERAGE = "overage";
    private static final String NOTIFY = "notify";
    private static final String DEFAULT_LIST = "default_list";
    private static final String DEFAULT_CUSTOM_ID = "default_custom_id";
    private static final String MAX_RECIPIENTS = "max_recipients";
    private static final String MAX_MESSAGE_KB = "max_message_kb";
    private static final String PASSTHROUGH_HEADERS = "passthrough_headers";
    private static final String HEADER = "header";
    private static final String FOOTER = "footer";
    private static final String IP_POOL = "ip_pool";
    private static final String TRACK_OPENS = "track_opens";
    private static final String TRACK_CLICKS = "track_clicks";
    private static final String PLAIN_TEXT = "plain_text";
    private static final String HTML = "html";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement selectName;
    private final PreparedStatement selectAll;
    private final PreparedStatement deleteRow;
    private final UserDefinedType planType;
    private final UserDefinedType templateType;

    public CassandraAccountRepository(CqlSession session) {
        this.session = session;
        this.insert = session.prepare(insertInto(CassandraSchema.ACCOUNTS)
            .value(NAME, bindMarker(NAME))
            .value(PASSWORD_HASH, bindMarker(PASSWORD_HASH))
            .value(AUTHORIZED_DOMAINS, bindMarker(AUTHORIZED_DOMAINS))
            .value(AUTHORIZED_SENDERS, bindMarker(AUTHORIZED_SENDERS))
            .value(PLAN, bindMarker(PLAN))
            .value(OVERAGE, bindMarker(OVERAGE))
            .value(NOTIFY, bindMarker(NOTIFY))
            .value(DEFAULT_LIST, bindMarker(DEFAULT_LIST))
            .value(DEFAULT_CUSTOM_ID, bindMarker(DEFAULT_CUSTOM_ID))
            .value(MAX_RECIPIENTS, bindMarker(MAX_RECIPIENTS))
            .value(MAX_MESSAGE_KB, bindMarker(MAX_MESSAGE_KB))
            .value(PASSTHROUGH_HEADERS, bindMarker(PASSTHROUGH_HEADERS))
            .value(HEADER, bindMarker(HEADER))
            .value(FOOTER, bindMarker(FOOTER))
            .value(IP_POOL, bindMarker(IP_POOL))
            .value(TRACK_OPENS, bindMarker(TRACK_OPENS))
            .value(TRACK_CLICKS, bindMarker(TRACK_CLICKS))
            .build());
        this.select = session.prepare(selectFrom(CassandraSchema.ACCOUNTS).all()
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
        this.selectName = session.prepare(selectFrom(CassandraSchema.ACCOUNTS).column(NAME)
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
        this.selectAll = session.prepare(selectFrom(CassandraSchema.ACCOUNTS).all().build());
        this.deleteRow = session.prepare(deleteFrom(CassandraSchema.ACCOUNTS)
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
        // the statement knows the types: no schema metadata lookup needed
        this.planType = (UserDefinedType) insert.getVariableDefinitions().get(PLAN).getType();
        this.templateType = (UserDefinedType) insert.getVariableDefinitions().get(HEADER).getType();
    }

    @Override
    public Optional<Account> get(String name) {
        return translated("AccountRepository.get", () ->
            Optional.ofNullable(session.execute(select.bind().setString(NAME, name)).one())
                .map(this::toAccount));
    }

    @Override
    public void save(Account account) {
        // every column is bound, nulls included: the row is replaced, not merged
        translated("AccountRepository.save", () -> session.execute(insert.bind()
            .setString(NAME, account.name())
            .setString(PASSWORD_HASH, account.passwordHash())
            .setList(AUTHORIZED_DOMAINS, account.authorizedDomains(), String.class)
            .setList(AUTHORIZED_SENDERS, account.authorizedSenders(), String.class)
            .setUdtValue(PLAN, account.plan().map(this::toUdt).orElse(null))
            .setString(OVERAGE, account.overage().asJson())
            .setList(NOTIFY, account.notifyAddresses(), String.class)
            .setString(DEFAULT_LIST, account.defaultList().orElse(null))
            .setString(DEFAULT_CUSTOM_ID, account.defaultCustomId().orElse(null))
            .setInt(MAX_RECIPIENTS, account.maxRecipients())
            .setInt(MAX_MESSAGE_KB, account.maxMessageKb())
            .setList(PASSTHROUGH_HEADERS, account.passthroughHeaders(), String.class)
            .setUdtValue(HEADER, account.header().map(this::toUdt).orElse(null))
            .setUdtValue(FOOTER, account.footer().map(this::toUdt).orElse(null))
            .setString(IP_POOL, account.ipPool().orElse(null))
            .setBoolean(TRACK_OPENS, account.tracking().opens())
            .setBoolean(TRACK_CLICKS, account.tracking().clicks())));
    }

    /**
     * Reads, then deletes: accounts change rarely, and two concurrent deletes both answering true is harmless. A
     * conditional delete would mix lightweight transactions with the plain writes of {@link #save}.
     */
    @Override
    public boolean delete(String name) {
        return translated("AccountRepository.delete", () -> {
            boolean existed = session.execute(selectName.bind().setString(NAME, name)).one() != null;
            session.execute(deleteRow.bind().setString(NAME, name));
            return existed;
        });
    }

    @Override
    public List<Account> list() {
        return translated("AccountRepository.list", () ->
            StreamSupport.stream(session.execute(selectAll.bind()).spliterator(), false)
                .map(this::toAccount)
                .sorted(Comparator.comparing(Account::name))
                .collect(Collectors.toList()));
    }

    private Account toAccount(Row row) {
        return Account.builder(row.getString(NAME))
            .passwordHash(row.getString(PASSWORD_HASH))
            .authorizedDomains(row.getList(AUTHORIZED_DOMAINS, String.class))
            .authorizedSenders(row.getList(AUTHORIZED_SENDERS, String.class))
            .plan(Optional.ofNullable(row.getUdtValue(PLAN)).map(CassandraAccountRepository::toPlan))
            .overage(Overage.fromJson(row.getString(OVERAGE))
                .orElseThrow(() -> new IllegalStateException("Unknown overage '" + row.getString(OVERAGE) + "' in " + row.getString(NAME))))
            .notifyAddresses(row.getList(NOTIFY, String.class))
            .defaultList(Optional.ofNullable(row.getString(DEFAULT_LIST)))
            .defaultCustomId(Optional.ofNullable(row.getString(DEFAULT_CUSTOM_ID)))
            .maxRecipients(row.getInt(MAX_RECIPIENTS))
            .maxMessageKb(row.getInt(MAX_MESSAGE_KB))
            .passthroughHeaders(row.getList(PASSTHROUGH_HEADERS, String.class))
            .header(Optional.ofNullable(row.getUdtValue(HEADER)).map(CassandraAccountRepository::toTemplate))
            .footer(Optional.ofNullable(row.getUdtValue(FOOTER)).map(CassandraAccountRepository::toTemplate))
            .ipPool(Optional.ofNullable(row.getString(IP_POOL)))
            // a row written before tracking existed has neither column set: off, as by default
            .tracking(TrackingSettings.of(row.getBoolean(TRACK_OPENS), row.getBoolean(TRACK_CLICKS)))
            .build();
    }

    private UdtValue toUdt(Plan plan) {
        return planType.newValue()
            .set(MESSAGES_PER_MONTH, plan.messagesPerMonth().orElse(null), Long.class)
            .set(MEGABYTES_PER_MONTH, plan.megabytesPerMonth().orElse(null), Long.class);
    }

    private static Plan toPlan(UdtValue plan) {
        return new Plan(Optional.ofNullable(plan.get(MESSAGES_PER_MONTH, Long.class)),
            Optional.ofNullable(plan.get(MEGABYTES_PER_MONTH, Long.class)));
    }

    private UdtValue toUdt(TextAndHtml template) {
        return templateType.newValue()
            .setString(PLAIN_TEXT, template.text().orElse(null))
            .setString(HTML, template.html().orElse(null));
    }

    private static TextAndHtml toTemplate(UdtValue template) {
        return TextAndHtml.of(template.getString(PLAIN_TEXT), template.getString(HTML));
    }
}
