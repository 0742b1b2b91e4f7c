package org.smtpplus.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SuppressionRequestTest {
    private static final SuppressionRequest GLOBAL = new SuppressionRequest(SuppressionReason.COMPLAINT, Optional.empty());
    private static final SuppressionRequest NEWSLETTER = new SuppressionRequest(SuppressionReason.COMPLAINT, Optional.of("newsletter"));

    @Test
    void noListInTheQueryKeepsTheBodys() throws Exception {
        assertThat(GLOBAL.withQueryList(Optional.empty())).isEqualTo(GLOBAL);
        assertThat(NEWSLETTER.withQueryList(Optional.empty())).isEqualTo(NEWSLETTER);
    }

    @Test
    void theQueryNamesTheListTheBodyLeftOut() throws Exception {
        assertThat(GLOBAL.withQueryList(Optional.of("newsletter"))).isEqualTo(NEWSLETTER);
    }

    @Test
    void theSameListTwiceIsThatList() throws Exception {
        assertThat(NEWSLETTER.withQueryList(Optional.of("newsletter"))).isEqualTo(NEWSLETTER);
    }

    @Test
    void twoListsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> NEWSLETTER.withQueryList(Optional.of("offers")))
            .isInstanceOf(InvalidSuppressionException.class)
            .hasMessage("list: the query string names \"offers\" and the body \"newsletter\"");
    }
}
