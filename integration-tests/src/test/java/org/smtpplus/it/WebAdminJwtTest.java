package org.smtpplus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * WebAdmin with SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY, the key pair and token made by the operator guide's own recipe
 * (bash and openssl): every route, SMTP+'s and James's, needs an admin token, the readiness probe none.
 */
class WebAdminJwtTest {
    private static final AdminTokenRecipe RECIPE = AdminTokenRecipe.run();

    @RegisterExtension
    static final RelayExtension RELAY = new RelayExtension()
        .withSetting("SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY", RECIPE::publicKey)
        .withWebAdminToken(RECIPE::token);

    @Test
    void theSmtpPlusRoutesAnswerOnlyWithAnAdminToken() {
        WebAdminClient anonymous = new WebAdminClient(RELAY.relay().webadmin());

        assertThat(anonymous.get("/smtpplus/accounts").status()).isEqualTo(401);
        assertThat(anonymous.put("/smtpplus/accounts/shop", "{\"password\":\"s3cret\"}").status()).isEqualTo(401);
        assertThat(RELAY.webAdmin().get("/smtpplus/accounts/shop").status()).isEqualTo(404);

        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        WebAdminClient.Response accounts = RELAY.webAdmin().get("/smtpplus/accounts");
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json().get(0).get("name").asText()).isEqualTo("shop");
    }

    @Test
    void jamesOwnRoutesAnswerOnlyWithAnAdminTokenToo() {
        WebAdminClient anonymous = new WebAdminClient(RELAY.relay().webadmin());

        assertThat(anonymous.get("/domains").status()).isEqualTo(401);
        assertThat(anonymous.get("/mailQueues").status()).isEqualTo(401);
        assertThat(RELAY.webAdmin().get("/domains").status()).isEqualTo(200);
        assertThat(RELAY.webAdmin().get("/mailQueues").status()).isEqualTo(200);
    }

    @Test
    void theReadinessProbeNeedsNoToken() {
        assertThat(new WebAdminClient(RELAY.relay().webadmin()).get("/healthcheck").status()).isEqualTo(200);
    }

    @Test
    void aTokenThatIsNoValidAdminTokenOfTheKeyIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"admin\",\"admin\":true,\"exp\":" + (now + 3600) + "}";
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String[] header = RECIPE.token().split("\\.");

        assertThat(status(RECIPE.sign(claims))).as("the JDK signs as the recipe does").isEqualTo(200);
        assertThat(status(RECIPE.sign("{\"sub\":\"admin\",\"admin\":true,\"exp\":" + (now - 60) + "}"))).as("expired").isEqualTo(401);
        assertThat(status(RECIPE.sign("{\"sub\":\"admin\",\"admin\":false,\"exp\":" + (now + 3600) + "}"))).as("no admin").isEqualTo(401);
        assertThat(status(RECIPE.sign("{\"admin\":true,\"exp\":" + (now + 3600) + "}"))).as("no sub").isEqualTo(401);
        assertThat(status(AdminTokenRecipe.sign(rsa.generateKeyPair().getPrivate(), claims))).as("another key").isEqualTo(401);
        assertThat(status(header[0] + "." + RECIPE.sign(claims).split("\\.")[1] + "." + header[2])).as("other claims").isEqualTo(401);
        assertThat(status("eyJhbGciOiJub25lIn0." + header[1] + ".")).as("alg none").isEqualTo(401);
        assertThat(new WebAdminClient(RELAY.relay().webadmin(), RECIPE.sign("{\"sub\":\"admin\",\"admin\":false}"))
            .get("/smtpplus/accounts").body()).isEqualTo("Non authorized user.");
    }

    @Test
    void aForeignHostIsRefusedWithATokenAndTheTokenIsAskedFirst() throws Exception {
        int port = RELAY.relay().webadminPort();

        assertThat(RawHttp.get(port, "/smtpplus/accounts", "evil.example:" + port, "Authorization: Bearer " + RECIPE.token()))
            .startsWith("421 ");
        assertThat(RawHttp.get(port, "/smtpplus/accounts", "evil.example:" + port)).startsWith("401 ");
        assertThat(RawHttp.get(port, "/smtpplus/accounts", "127.0.0.1:" + port, "Authorization: Bearer " + RECIPE.token()))
            .startsWith("200 ");
    }

    @Test
    void noDemoAccountIsCreatedAndTheConsoleSaysHowToCreateOne() throws Exception {
        assertThat(RELAY.relay().console())
            .contains("SMTP+ WebAdmin requires a JWT (SMTPPLUS_WEBADMIN_JWT_PUBLIC_KEY): no demo account was created.")
            .contains("/smtpplus/accounts/demo")
            .contains("(JWT required)")
            .doesNotContain("created account 'demo'");
    }

    private static int status(String token) {
        return new WebAdminClient(RELAY.relay().webadmin(), token).get("/smtpplus/accounts").status();
    }

    @Test
    void theDashboardIsServedWithoutATokenThenAsksForOneAndSendsIt() throws Exception {
        RELAY.webAdmin().putAccount("shop", "{\"password\":\"s3cret\"}");
        try (Browser browser = Browser.start()) {
            browser.driver().get(RELAY.relay().webadmin() + "/smtpplus/dashboard/#accounts");
            WebElement form = browser.driver().findElement(By.id("token-form"));
            await().atMost(Duration.ofSeconds(20)).until(form::isDisplayed);
            WebElement input = form.findElement(By.id("token-input"));
            assertThat(browser.driver().switchTo().activeElement()).isEqualTo(input);

            input.sendKeys("not-a-token");
            form.findElement(By.cssSelector("button[type='submit']")).click();
            assertThat(form.findElement(By.id("token-reason")).getText()).startsWith("Admin JWT: that is no token");
            assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
            // a token of the right shape that WebAdmin refuses: asked again
            input.clear();
            input.sendKeys("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl");
            form.findElement(By.cssSelector("button[type='submit']")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> form.isDisplayed()
                && form.findElement(By.id("token-reason")).getText().startsWith("WebAdmin refused the token"));

            WebElement view = browser.driver().findElement(By.cssSelector("[data-view='accounts']"));
            browser.reloadingAfter(view, () -> {
                // wrapped as a terminal wraps a long line: the page takes the token without the line breaks
                String token = RECIPE.token();
                input.sendKeys(token.substring(0, 40) + "\n" + token.substring(40));
                form.findElement(By.cssSelector("button[type='submit']")).click();
            });
            assertThat(form.isDisplayed()).isFalse();
            assertThat(view.findElements(By.cssSelector("tr[data-account='shop']"))).hasSize(1);
            assertThat(view.findElement(By.cssSelector("[data-banner]")).isDisplayed()).isFalse();
            // kept for this tab's other views, not asked again
            browser.view("domains");
            assertThat(form.isDisplayed()).isFalse();
        }
    }
}
