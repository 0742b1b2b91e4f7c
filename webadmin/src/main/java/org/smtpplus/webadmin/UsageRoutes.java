package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.usage.PlanUsage;
import org.smtpplus.core.usage.UsageMeter;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code GET /smtpplus/accounts/{name}/usage?month=YYYY-MM} (docs/api.md#accounts): an account's usage of a month,
 * the current UTC month by default, against its plan (see {@link UsageJson}).
 */
public class UsageRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = AccountRoutes.BASE_PATH;
    private static final String NAME = ":name";
    private static final String MONTH = "month";
    // YearMonth.parse alone would also take signed and five-digit years such as +12026-11
    private static final Pattern MONTH_FORMAT = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private final AccountRepository accounts;
    private final UsageMeter meter;
    private final UsageJson json = new UsageJson();

    @Inject
    public UsageRoutes(AccountRepository accounts, UsageMeter meter) {
        super(BASE_PATH);
        this.accounts = accounts;
        this.meter = meter;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH + "/" + NAME + "/usage", this::usage);
    }

    private String usage(Request request, Response response) {
        String name = request.params(NAME);
        Optional<YearMonth> month = month(request);
        Account account = accounts.get(name)
            .orElseThrow(() -> RouteErrors.notFound("Account " + name + " does not exist"));
        PlanUsage usage = month.map(asked -> meter.of(account, asked)).orElseGet(() -> meter.current(account));
        response.type(JSON_CONTENT_TYPE);
        return json.toJson(account, usage);
    }

    private static Optional<YearMonth> month(Request request) {
        String value = request.queryParams(MONTH);
        if (value == null) {
            return Optional.empty();
        }
        if (MONTH_FORMAT.matcher(value).matches()) {
            try {
                return Optional.of(YearMonth.parse(value));
            } catch (DateTimeParseException e) {
                // refused below, as a value of another form is
            }
        }
        throw RouteErrors.badRequest(MONTH + ": must be a month like 2026-11, got " + value);
    }
}
