package org.smtpplus.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smtpplus.webadmin.UsageRoutesTest.plan;
import static org.smtpplus.webadmin.UsageRoutesTest.tree;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.james.core.Username;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountJson;
import org.smtpplus.core.domain.DomainRegistrations;
import org.smtpplus.core.domain.DomainRequest;
import org.smtpplus.core.domain.OutageSendingDomainRepository;
import org.smtpplus.core.domain.SendingDomains;
import org.smtpplus.core.account.AccountRepository;
import org.smtpplus.core.account.MemoryAccountRepository;
import org.smtpplus.core.account.Overage;
import org.smtpplus.core.account.PasswordHasher;
import org.smtpplus.core.pool.IpPool;
import org.smtpplus.core.pool.IpPoolRepository;
import org.smtpplus.core.pool.MemoryIpPoolRepository;
import org.smtpplus.core.usage.MemoryUsageRepository;
import org.smtpplus.core.usage.UsageMeter;
import org.smtpplus.core.usage.UsageRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Service;

class AccountRoutesTest {
    private static final Clock NOVEMBER_15 = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final long MB = 1024L * 1024L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final AccountJson accountJson = new AccountJson();
    private final AccountRepository accounts = new MemoryAccountRepository();
    private final IpPoolRepository pools = new MemoryIpPoolRepository();
    private final UsageRepository usage = new MemoryUsageRepository();
    // Without virtual hosting the domain list is never asked.
    private final MemoryUsersRepository jamesUsers = MemoryUsersRepository.withoutVirtualHosting(new MemoryDomainList(null));
    private final OutageSendingDomainRepository sendingDomains = new OutageSendingDomainRepository();
    private final SendingDomains domainLookups = new SendingDomains(sendingDomains, "bounces.relay.example", "bounces.relay.example", NOVEMBER_15);
    private Service service;
    private String base;

    @AfterEach
    void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void overListsTheAccountsAtThatPercentOrMoreEachWithItsUsage() throws Exception {
        Account atEighty = account("at-80", 100L, null, 80, 1000);
        account("at-79", 100L, null, 79, 1000);
        Account atLimit = account("at-limit", 20L, null, 20, 4000);
        account("no-plan", null, null, 100_000, 100 * MB);
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts?over=80");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(MAPPER.readTree(response.body())).isEqualTo(MAPPER.createArrayNode()
            .add(withUsage(atEighty, "{'month':'2026-11','messages':80,'bytes':1000,'percent':80,'blocked':false,"
                + "'resetsAt':'2026-12-01T00:00:00Z','plan':{'messagesPerMonth':100,'megabytesPerMonth':null},"
                + "'overage':{'messages':0,'bytes':0}}"))
            .add(withUsage(atLimit, "{'month':'2026-11','messages':20,'bytes':4000,'percent':100,'blocked':true,"
                + "'resetsAt':'2026-12-01T00:00:00Z','plan':{'messagesPerMonth':20,'megabytesPerMonth':null},"
                + "'overage':{'messages':0,'bytes':0}}")));
    }

    @Test
    void deletingAnAccountRemovesItsSendingDomains() throws Exception {
        account("shop", null, null, 0, 0);
        account("other", null, null, 0, 0);
        DomainRegistrations registrations = new DomainRegistrations(sendingDomains, accounts, domainLookups, NOVEMBER_15);
        registrations.put("shop.example", new DomainRequest(Optional.of("shop"), Optional.empty(), Optional.empty()));
        registrations.put("other.example", new DomainRequest(Optional.of("other"), Optional.empty(), Optional.empty()));
        listen(usage);

        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(URI.create(base + "/smtpplus/accounts/shop")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(sendingDomains.get("shop.example")).isEmpty();
        assertThat(sendingDomains.get("other.example")).isPresent();
    }

    @Test
    void aDeleteWhoseSendingDomainsCannotBeRemovedKeepsTheAccountForARetry() throws Exception {
        account("shop", null, null, 0, 0);
        new DomainRegistrations(sendingDomains, accounts, domainLookups, NOVEMBER_15)
            .put("shop.example", new DomainRequest(Optional.of("shop"), Optional.empty(), Optional.empty()));
        listen(usage);
        sendingDomains.setDown(true);

        HttpResponse<String> failed = client.send(HttpRequest.newBuilder(URI.create(base + "/smtpplus/accounts/shop")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
        assertThat(accounts.get("shop")).isPresent();
        sendingDomains.setDown(false);
        HttpResponse<String> retried = client.send(HttpRequest.newBuilder(URI.create(base + "/smtpplus/accounts/shop")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        assertThat(accounts.get("shop")).isEmpty();
        assertThat(sendingDomains.get("shop.example")).isEmpty();
    }

    @Test
    void aMegabytePlanMatchesFromEightyPercentOfItsBytes() throws Exception {
        account("at-80", null, 10L, 1, 8 * MB);
        account("just-below-80", null, 10L, 1, 8 * MB - 1);
        listen(usage);

        assertThat(namesListed("/smtpplus/accounts?over=80")).containsExactly("at-80");
    }

    @Test
    void onlyTheCurrentMonthCounts() throws Exception {
        account("shop", 100L, null, 10, 1000);
        usage.add("shop", OCTOBER, 90, 9000);
        listen(usage);

        assertThat(namesListed("/smtpplus/accounts?over=80")).isEmpty();
    }

    @Test
    void overZeroListsEveryAccountWithAPlanButNoneWithout() throws Exception {
        account("unused", 100L, null, 0, 0);
        account("no-plan", null, null, 5, 5000);
        listen(usage);

        assertThat(namesListed("/smtpplus/accounts?over=0")).containsExactly("unused");
    }

    @Test
    void overAHundredFindsTheAccountsInOverage() throws Exception {
        accounts.save(Account.builder("overage").plan(plan(20L, null)).overage(Overage.ALLOW).build());
        usage.add("overage", NOVEMBER, 30, 6000);
        account("at-limit", 20L, null, 20, 4000);
        listen(usage);

        assertThat(namesListed("/smtpplus/accounts?over=101")).containsExactly("overage");
        assertThat(namesListed("/smtpplus/accounts?over=100000")).isEmpty();
    }

    @Test
    void withoutOverTheListIsEveryAccountWithoutUsage() throws Exception {
        Account atLimit = account("at-limit", 20L, null, 20, 4000);
        Account noPlan = account("no-plan", null, null, 5, 5000);
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()))
            .isEqualTo(MAPPER.createArrayNode().add(asRead(atLimit)).add(asRead(noPlan)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "100001", "1000000", "99999999999", "1.5", "%2B80", "80%25", ""})
    void aBadOverIsA400NamingIt(String over) throws Exception {
        account("shop", 20L, null, 20, 4000);
        listen(usage);

        HttpResponse<String> response = get("/smtpplus/accounts?over=" + over);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("statusCode").asInt()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(error.get("message").asText()).isEqualTo("over: must be a whole number from 0 to 100000, got "
            + over.replace("%2B", "+").replace("%25", "%"));
    }

    @Test
    void aStoreOutageIsA503() throws Exception {
        account("shop", 20L, null, 20, 4000);
        listen(UsageRoutesTest.unavailableUsage());

        HttpResponse<String> response = get("/smtpplus/accounts?over=80");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(response.body()).get("message").asText())
            .isEqualTo("The SMTP+ store is unavailable, try again later: Cassandra is unavailable for UsageRepository.get");
    }

    @Test
    void theJamesUserOfAnAccountGetsARandomPasswordNotTheAccountsOwn() throws Exception {
        listen(usage);

        HttpResponse<String> created = put("/smtpplus/accounts/shop", "{\"password\":\"s3cret\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(jamesUsers.contains(Username.of("shop"))).isTrue();
        assertThat(jamesUsers.test(Username.of("shop"), "s3cret")).isFalse();
        put("/smtpplus/accounts/shop", "{\"password\":\"n3w-secret\"}");
        assertThat(jamesUsers.test(Username.of("shop"), "n3w-secret")).isFalse();
    }

    @Test
    void aDeleteWhoseJamesUserCannotBeRemovedFailsAndKeepsTheAccount() throws Exception {
        accounts.save(Account.builder("shop").build());
        jamesUsers.addUser(Username.of("shop"), "random");
        UsersRepository failingRemoval = (UsersRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {UsersRepository.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("removeUser")) {
                    throw new UsersRepositoryException("the users store is down");
                }
                try {
                    return method.invoke(jamesUsers, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        listen(usage, failingRemoval);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/smtpplus/accounts/shop"))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(MAPPER.readTree(response.body()).get("message").asText())
            .isEqualTo("Could not remove James user shop, so account shop was not deleted: the users store is down");
        assertThat(accounts.get("shop")).isPresent();
    }

    @Test
    void anAccountMayNameAnExistingPool() throws Exception {
        pools.save(new IpPool("warm", List.of("127.0.0.2"), "mta1.example.net"));
        listen(usage);

        HttpResponse<String> created = put("/smtpplus/accounts/shop", "{\"password\":\"s3cret\",\"ipPool\":\"warm\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(MAPPER.readTree(created.body()).get("ipPool").asText()).isEqualTo("warm");
        assertThat(accounts.get("shop").orElseThrow().ipPool()).contains("warm");
    }

    @Test
    void aPoolThatDoesNotExistIsA400NamingIt() throws Exception {
        listen(usage);

        HttpResponse<String> refused = put("/smtpplus/accounts/shop", "{\"password\":\"s3cret\",\"ipPool\":\"warm\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(refused.body()).get("message").asText())
            .isEqualTo("ipPool: there is no IP pool named warm; create it first with PUT /smtpplus/ip-pools/warm");
        assertThat(accounts.get("shop")).isEmpty();
    }

    private Account account(String name, Long messagesPerMonth, Long megabytesPerMonth, long messagesUsed, long bytesUsed) {
        Account.Builder builder = Account.builder(name);
        if (messagesPerMonth != null || megabytesPerMonth != null) {
            builder.plan(plan(messagesPerMonth, megabytesPerMonth));
        }
        Account account = builder.build();
        accounts.save(account);
        usage.add(name, NOVEMBER, messagesUsed, bytesUsed);
        return account;
    }

    private ObjectNode withUsage(Account account, String usageJson) throws Exception {
        ObjectNode node = asRead(account);
        node.set("usage", tree(usageJson));
        return node;
    }

    // Read back as the response is, so that numbers compare as the same node types.
    private ObjectNode asRead(Account account) throws Exception {
        return (ObjectNode) MAPPER.readTree(accountJson.toJson(account));
    }

    private List<String> namesListed(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        ArrayNode listed = (ArrayNode) MAPPER.readTree(response.body());
        return StreamSupport.stream(listed.spliterator(), false)
            .map(account -> account.get("name").asText())
            .collect(Collectors.toList());
    }

    private void listen(UsageRepository repository) {
        listen(repository, jamesUsers);
    }

    private void listen(UsageRepository repository, UsersRepository users) {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new AccountRoutes(accounts, new PasswordHasher(), new AccountJamesUsers(users), new UsageMeter(repository, NOVEMBER_15),
            new DomainRegistrations(sendingDomains, accounts, domainLookups, NOVEMBER_15), pools).define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
