package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.pool.InvalidIpPoolException;
import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolJson;
import org.smtpplus.core.pool.IpPoolRepository;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/ip-pools}: named sets of this machine's addresses, with a HELO name, that accounts send from
 * (docs/api.md#ip-pools). A pool an account names cannot be deleted (409 naming the accounts), as SendGrid refuses
 * to delete a pool in use: its copies would silently leave from the default address.
 */
public class IpPoolRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/ip-pools";
    private static final String NAME = ":name";
    // enough for the operator to find them; the rest is counted
    private static final int ACCOUNTS_NAMED = 10;

    private final IpPoolRepository pools;
    private final AccountRepository accounts;
    private final IpPoolJson poolJson = new IpPoolJson();

    @Inject
    public IpPoolRoutes(IpPoolRepository pools, AccountRepository accounts) {
        super(BASE_PATH);
        this.pools = pools;
        this.accounts = accounts;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + NAME, this::get);
        service.put(BASE_PATH + "/" + NAME, this::put);
        service.delete(BASE_PATH + "/" + NAME, this::delete);
    }

    private String list(Request request, Response response) {
        response.type(JSON_CONTENT_TYPE);
        return pools.list().stream().map(poolJson::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    private String get(Request request, Response response) {
        String name = request.params(NAME);
        response.type(JSON_CONTENT_TYPE);
        return poolJson.toJson(pools.get(name).orElseThrow(() -> notFound(name)));
    }

    private String put(Request request, Response response) {
        String name = request.params(NAME);
        try {
            IpPool pool = poolJson.parse(name, RequestBodies.json(request));
            boolean existed = pools.get(name).isPresent();
            pools.save(pool);
            response.status(existed ? HttpStatus.OK_200 : HttpStatus.CREATED_201);
            response.type(JSON_CONTENT_TYPE);
            return poolJson.toJson(pool);
        } catch (InvalidIpPoolException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String name = request.params(NAME);
        RequestBodies.none(request);
        if (pools.get(name).isEmpty()) {
            throw notFound(name);
        }
        List<String> users = accounts.list().stream()
            .filter(account -> account.ipPool().filter(name::equals).isPresent())
            .map(Account::name)
            .collect(Collectors.toList());
        if (!users.isEmpty()) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.CONFLICT_409)
                .type(ErrorType.WRONG_STATE)
                .message("IP pool %s is the ipPool of %d account(s): %s; give them another pool or none (\"ipPool\": null) first",
                    name, users.size(), named(users))
                .haltError();
        }
        if (!pools.delete(name)) {
            throw notFound(name);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static String named(List<String> accounts) {
        String named = String.join(", ", accounts.subList(0, Math.min(ACCOUNTS_NAMED, accounts.size())));
        return accounts.size() > ACCOUNTS_NAMED ? named + " and " + (accounts.size() - ACCOUNTS_NAMED) + " more" : named;
    }

    private static RuntimeException notFound(String name) {
        return RouteErrors.notFound("IP pool " + name + " does not exist");
    }
}
