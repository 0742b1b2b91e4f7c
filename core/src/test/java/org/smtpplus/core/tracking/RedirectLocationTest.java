package org.smtpplus.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectLocationTest {
    @Test
    void anAsciiUrlIsItsOwnLocationByteForByte() {
        for (String url : new String[] {"https://shop.example/p?a=1&b=2#top", "HTTP://Shop.Example:8080/A%20B?q=%C3%A8",
            "https://user:pw@shop.example/", "http://[2001:db8::1]:8080/x", "https://shop.example", "https://my_host.example/"}) {
            assertThat(RedirectLocation.of(url)).contains(url);
        }
    }

    @Test
    void anInternationalUrlIsWrittenInAscii() {
        assertThat(RedirectLocation.of("https://bücher.example/straße?q=è#ü"))
            .contains("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A8#%C3%BC");
        assertThat(RedirectLocation.of("https://shop.example/a b|c")).contains("https://shop.example/a%20b%7Cc");
    }

    @Test
    void whatBrowsersTakeButUriRefusesIsEncodedAsBrowsersSendIt() {
        assertThat(RedirectLocation.of("https://shop.example/?off=50%")).contains("https://shop.example/?off=50%25");
        assertThat(RedirectLocation.of("https://x.example/p[1]")).contains("https://x.example/p%5B1%5D");
        assertThat(RedirectLocation.of("https://app.example/#/orders#top")).contains("https://app.example/#/orders%23top");
    }

    @Test
    void whatIsNoHttpUrlWithAHostIsRefused() {
        assertThat(RedirectLocation.of("javascript:alert(1)")).isEmpty();
        assertThat(RedirectLocation.of("ftp://shop.example/")).isEmpty();
        assertThat(RedirectLocation.of("https:///path")).isEmpty();
        assertThat(RedirectLocation.of("https://shop.example:99x/")).isEmpty();
        assertThat(RedirectLocation.of("https://sh op.example/")).isEmpty();
    }
}
