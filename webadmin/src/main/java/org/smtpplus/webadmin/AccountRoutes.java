package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.time.YearMonth;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountJson;
import org.smtpplus.core.account.AccountNames;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.AccountUpdate;
import org.smtpplus.core.account.InvalidAccountException;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.usage.PlanUsage;
import org.smtpplus.core.usage.UsageMeter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/accounts}: the SMTP+ accounts of docs/api.md#accounts, which are the relay's SMTP AUTH users.
 * {@code GET /smtpplus/accounts?over=80} lists only the accounts that used 80 percent of their plan or more this
 * month, each with its usage.
 */
public class AccountRoutes extends SmtpPlusRoutes {
    private static final Logger LOGGER = LoggerFactory.getLogger(AccountRoutes.class);
    static final String BASE_PATH = "/smtpplus/accounts";
    private static final String NAME = ":name";
    private static final String OVER = "over";
    // Above 100 finds the accounts in overage; a thousand times the plan is beyond any sensible question.
    private static final int MAX_OVER = 100_000;
    // Digits only: Integer.parseInt alone would take "+80" and "-0".
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,6}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final AccountJamesUsers jamesUsers;
    private final UsageMeter meter;
    private final AccountJson accountJson = new AccountJson();
    private final UsageJson usageJson = new UsageJson();

    private final DomainRegistrations domains;
    private final IpPoolRepository pools;

    @Inject
    public AccountRoutes(AccountRepository accounts, PasswordHasher hasher, AccountJamesUsers jamesUsers, UsageMeter meter,
                         DomainRegistrations domains, IpPoolRepository pools) {
        super(BASE_PATH);
        this.domains = domains;
        this.pools = pools;
        this.accounts = accounts;
        this.hasher = hasher;
        this.jamesUsers = jamesUsers;
        this.meter = meter;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + NAME, this::get);
        service.put(BASE_PATH + "/" + NAME, this::put);
        service.delete(BASE_PATH + "/" + NAME, this::delete);
    }

    private String list(Request request, Response response) throws JsonProcessingException {
        OptionalInt over = over(request);
        response.type(JSON_CONTENT_TYPE);
        if (over.isPresent()) {
            return MAPPER.writeValueAsString(accountsOver(over.getAsInt()));
        }
        return accounts.list().stream()
            .map(accountJson::toJson)
            .collect(Collectors.joining(",", "[", "]"));
    }

    private ArrayNode accountsOver(int percent) {
        // Read once: a list that runs over midnight at a month's end still measures every account in the same month.
        YearMonth month = meter.currentMonth();
        ArrayNode found = MAPPER.createArrayNode();
        for (Account account : accounts.list()) {
            // Without a limit there is no percent to compare, so no reason to read the store.
            if (!PlanUsage.isLimited(account)) {
                continue;
            }
            PlanUsage usage = meter.of(account, month);
            if (usage.percent().orElseThrow() >= percent) {
                ObjectNode node = accountJson.toJsonNode(account);
                node.set("usage", usageJson.toJsonNode(account, usage));
                found.add(node);
            }
        }
        return found;
    }

    private static OptionalInt over(Request request) {
        String value = request.queryParams(OVER);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (WHOLE_NUMBER.matcher(value).matches() && Integer.parseInt(value) <= MAX_OVER) {
            return OptionalInt.of(Integer.parseInt(value));
        }
        throw RouteErrors.badRequest(OVER + ": must be a whole number from 0 to " + MAX_OVER + ", got " + value);
    }

    private String get(Request request, Response response) {
        String name = request.params(NAME);
        response.type(JSON_CONTENT_TYPE);
        return accountJson.toJson(accounts.get(name).orElseThrow(() -> notFound(name)));
    }

    private String put(Request request, Response response) {
        String name = request.params(NAME);
        try {
            AccountNames.validate(name);
            AccountUpdate update = accountJson.parse(RequestBodies.json(request));
            Optional<Account> existing = accounts.get(name);
            Account account = AccountJson.apply(existing, name, update, hasher);
            checkPoolExists(account, existing);
            accounts.save(account);
            ensureJamesUser(name, update.password().isPresent());
            response.status(existing.isPresent() ? HttpStatus.OK_200 : HttpStatus.CREATED_201);
            response.type(JSON_CONTENT_TYPE);
            return accountJson.toJson(account);
        } catch (InvalidAccountException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorType.INVALID_ARGUMENT)
                .message(e.getMessage())
                .haltError();
        }
    }

    // Only a pool newly named is checked: an account whose pool was deleted since (by a delete racing this check) can
    // still change its other fields, and its copies leave from the default address meanwhile.
    private void checkPoolExists(Account account, Optional<Account> existing) {
        Optional<String> pool = account.ipPool();
        if (pool.isPresent() && !pool.equals(existing.flatMap(Account::ipPool)) && pools.get(pool.get()).isEmpty()) {
            throw RouteErrors.badRequest("ipPool: there is no IP pool named " + pool.get() + "; create it first with PUT "
                + IpPoolRoutes.BASE_PATH + "/" + pool.get());
        }
    }

    // The account goes last: should the removal of its sending domains or of its James user fail (503, 409, 500), the
    // DELETE fails and the account stays for another try, which finds it and finishes the work. Removed after the
    // account, domains left behind by a failure would be out of reach of any retry and sign for a new account of the
    // same name. An account whose domains or James user are gone already is refused nothing meanwhile: its copies
    // are signed with the relay's key, and SMTP+ authenticates it.
    private String delete(Request request, Response response) {
        String name = request.params(NAME);
        RequestBodies.none(request);
        if (accounts.get(name).isEmpty()) {
            throw notFound(name);
        }
        // Its keys sign for nobody now; a new account of the same name must not inherit them.
        domains.deleteOfAccount(name);
        deleteJamesUser(name);
        if (!accounts.delete(name)) {
            throw notFound(name);
        }
        // Again: a domain registered to it while its James user was being removed would outlive it otherwise.
        domains.deleteOfAccount(name);
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private void ensureJamesUser(String name, boolean passwordChanged) {
        if (!jamesUsers.isJamesUserName(name)) {
            LOGGER.info("Account {} is not a James user name; SMTP+ authenticates it alone", name);
            return;
        }
        try {
            // A new account password renews the James user's random one, so no hash of an old password stays behind.
            jamesUsers.ensure(name, passwordChanged);
        } catch (UsersRepositoryException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
                .type(ErrorType.SERVER_ERROR)
                .message("Could not save James user %s: %s", name, e.getMessage())
                .haltError();
        }
    }

    private void deleteJamesUser(String name) {
        try {
            jamesUsers.remove(name);
        } catch (UsersRepositoryException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.INTERNAL_SERVER_ERROR_500)
                .type(ErrorType.SERVER_ERROR)
                .message("Could not remove James user %s, so account %s was not deleted: %s", name, name, e.getMessage())
                .haltError();
        }
    }

    private static RuntimeException notFound(String name) {
        return ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("Account %s does not exist", name)
            .haltError();
    }
}
