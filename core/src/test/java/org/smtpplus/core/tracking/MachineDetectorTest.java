package org.smtpplus.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.smtpplus.core.tracking.MachineDetector.Kind;

class MachineDetectorTest {
    private static final Instant DELIVERED = Instant.parse("2026-12-06T10:00:00Z");
    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    private static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    private static Optional<String> reason(Kind kind, String method, String userAgent, String address, long secondsAfterDelivery)
        throws Exception {
        return MachineDetector.machineReason(kind, method, Optional.ofNullable(userAgent),
            Optional.of(InetAddress.getByName(address)), DELIVERED.plusSeconds(secondsAfterDelivery), Optional.of(DELIVERED));
    }

    @Test
    void aPersonsOpenAndClickAreNoMachines() throws Exception {
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "203.0.113.7", 3)).isEmpty();
        assertThat(reason(Kind.CLICK, "GET", SAFARI, "2001:db8::7", 60)).isEmpty();
        assertThat(reason(Kind.CLICK, "GET", null, "203.0.113.7", 60)).isEmpty();
    }

    @Test
    void aHeadRequestIsAMachine() throws Exception {
        assertThat(reason(Kind.CLICK, "HEAD", SAFARI, "203.0.113.7", 60)).contains("a HEAD request");
        assertThat(reason(Kind.OPEN, "head", SAFARI, "203.0.113.7", 60)).contains("a HEAD request");
    }

    @Test
    void applesPrivacyProxyIsAMachineByItsUserAgentOrItsAddress() throws Exception {
        assertThat(reason(Kind.OPEN, "GET", "Mozilla/5.0", "104.28.0.9", 600)).contains("the user agent of Apple Mail Privacy Protection");
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "17.58.1.2", 600)).contains("an address of a mailbox provider's proxy");
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "18.0.0.1", 600)).isEmpty();
    }

    @Test
    void googlesAndYahoosImageProxiesAreMachines() throws Exception {
        assertThat(reason(Kind.OPEN, "GET", GMAIL_PROXY, "203.0.113.7", 600)).contains("the user agent of a mailbox provider's image proxy");
        assertThat(reason(Kind.OPEN, "GET", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
            "203.0.113.7", 600)).contains("the user agent of a mailbox provider's image proxy");
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "66.102.8.1", 600)).contains("an address of a mailbox provider's proxy");
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "66.249.95.254", 600)).contains("an address of a mailbox provider's proxy");
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "66.249.96.1", 600)).isEmpty();
    }

    @Test
    void aClickWithinFiveSecondsOfDeliveryIsAScanner() throws Exception {
        assertThat(reason(Kind.CLICK, "GET", SAFARI, "203.0.113.7", 4)).contains("a click within 5 s of delivery");
        assertThat(reason(Kind.CLICK, "GET", SAFARI, "203.0.113.7", 5)).isEmpty();
        assertThat(reason(Kind.OPEN, "GET", SAFARI, "203.0.113.7", 1)).isEmpty();
        assertThat(MachineDetector.machineReason(Kind.CLICK, "GET", Optional.of(SAFARI), Optional.empty(), DELIVERED, Optional.empty()))
            .isEmpty();
    }
}
