package org.smtpplus.webadmin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingEndpointsLocationTest {
    @Test
    void anAsciiUrlIsItsOwnLocationByteForByte() {
        for (String url : new String[] {"https://shop.example/p?a=1&b=2#top", "HTTP://Shop.Example:8080/A%20B?q=%C3%A8",
            "https://user:pw@shop.example/", "http://[2001:db8::1]:8080/x", "https://shop.example"}) {
            assertThat(TrackingEndpoints.location(url)).contains(url);
        }
    }

    @Test
    void anInternationalUrlIsWrittenInAscii() {
        assertThat(TrackingEndpoints.location("https://bücher.example/straße?q=è#ü"))
            .contains("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A8#%C3%BC");
        assertThat(TrackingEndpoints.location("https://shop.example/a b|c")).contains("https://shop.example/a%20b%7Cc");
    }

    @Test
    void whatIsNoHttpUrlWithAHostIsRefused() {
        assertThat(TrackingEndpoints.location("javascript:alert(1)")).isEmpty();
        assertThat(TrackingEndpoints.location("ftp://shop.example/")).isEmpty();
        assertThat(TrackingEndpoints.location("https:///path")).isEmpty();
    }
}
