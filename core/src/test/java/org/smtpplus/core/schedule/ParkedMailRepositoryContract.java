package org.smtpplus.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * What every {@link ParkedMailRepository} does; an implementation's test implements this interface.
 */
public interface ParkedMailRepositoryContract {
    String KEY = "<order-1001@shop.example>";
    String OTHER_KEY = "<order-1002@shop.example>";
    int MEGABYTE = 1024 * 1024;

    /**
     * An empty repository, new for each test.
     */
    ParkedMailRepository repository();

    private static ParkedMail mail(String name, byte[] content) {
        return new ParkedMail(name, Optional.of("news@shop.example"), List.of("jane@shop.example"),
            Map.of("smtpplus.account", "shop"), content);
    }

    static byte[] randomContent(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static byte[] everyByteValue() {
        byte[] content = new byte[256];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        return content;
    }

    @Test
    default void aKeptMailIsReadBackWithEveryField() {
        ParkedMail mail = new ParkedMail("Mail1764234000000-42", Optional.of("news@shop.example"),
            List.of("jane@shop.example", "joe@shop.example", "zoë@例え.jp"),
            Map.of("smtpplus.account", "shop", "smtpplus.messageId", "<order-1001@shop.example>",
                "smtpplus.eventContext", "{\"list\":\"clients\",\"name\":\"Zoë Ärger 例え\"}"),
            everyByteValue());

        repository().keep(KEY, mail);

        assertThat(repository().get(KEY)).contains(mail);
    }

    @Test
    default void theNullSenderAndNoAttributesAreKept() {
        ParkedMail mail = new ParkedMail("Mail-bounce", Optional.empty(), List.of("jane@shop.example"), Map.of(),
            "Subject: hi\r\n\r\nHello\r\n".getBytes());

        repository().keep(KEY, mail);

        ParkedMail read = repository().get(KEY).orElseThrow();
        assertThat(read).isEqualTo(mail);
        assertThat(read.sender()).isEmpty();
        assertThat(read.attributes()).isEmpty();
    }

    @Test
    default void anEmptyContentIsKept() {
        ParkedMail mail = mail("Mail-empty", new byte[0]);

        repository().keep(KEY, mail);

        assertThat(repository().get(KEY)).contains(mail);
        assertThat(repository().get(KEY).orElseThrow().size()).isZero();
    }

    @Test
    default void aBigContentIsKeptWhole() {
        ParkedMail mail = mail("Mail-big", randomContent(6 * MEGABYTE, 6));

        repository().keep(KEY, mail);

        assertThat(repository().get(KEY)).contains(mail);
    }

    @Test
    default void keepingAgainReplaces() {
        repository().keep(KEY, mail("Mail-first", everyByteValue()));
        ParkedMail second = new ParkedMail("Mail-second", Optional.empty(), List.of("joe@shop.example"),
            Map.of("smtpplus.account", "news"), "Subject: again\r\n\r\n".getBytes());

        repository().keep(KEY, second);

        assertThat(repository().get(KEY)).contains(second);
    }

    @Test
    default void aShorterContentReplacesALongerOneWhole() {
        repository().keep(KEY, mail("Mail-long", randomContent(3 * MEGABYTE + 17, 3)));
        ParkedMail shorter = mail("Mail-short", randomContent(MEGABYTE / 2, 1));

        repository().keep(KEY, shorter);

        assertThat(repository().get(KEY)).contains(shorter);

        ParkedMail empty = mail("Mail-empty", new byte[0]);
        repository().keep(KEY, empty);

        assertThat(repository().get(KEY)).contains(empty);
    }

    @Test
    default void aLongerContentReplacesAShorterOne() {
        repository().keep(KEY, mail("Mail-short", everyByteValue()));
        ParkedMail longer = mail("Mail-long", randomContent(2 * MEGABYTE + 1, 2));

        repository().keep(KEY, longer);

        assertThat(repository().get(KEY)).contains(longer);
    }

    @Test
    default void deleteAnswersWhetherThereWasOne() {
        repository().keep(KEY, mail("Mail1", everyByteValue()));

        assertThat(repository().delete(KEY)).isTrue();
        assertThat(repository().get(KEY)).isEmpty();
        assertThat(repository().delete(KEY)).isFalse();
    }

    @Test
    default void aDeletedKeyCanBeKeptAgain() {
        repository().keep(KEY, mail("Mail1", randomContent(MEGABYTE + 1, 1)));
        repository().delete(KEY);
        ParkedMail again = mail("Mail2", everyByteValue());

        repository().keep(KEY, again);

        assertThat(repository().get(KEY)).contains(again);
    }

    @Test
    default void anUnknownKeyHasNothing() {
        repository().keep(KEY, mail("Mail1", everyByteValue()));

        assertThat(repository().get("<unknown@shop.example>")).isEmpty();
        assertThat(repository().get(KEY.toUpperCase())).isEmpty();
        assertThat(repository().delete("<unknown@shop.example>")).isFalse();
    }

    @Test
    default void keysAreIndependent() {
        ParkedMail first = mail("Mail1", randomContent(MEGABYTE + 3, 1));
        ParkedMail other = mail("Mail2", everyByteValue());
        repository().keep(KEY, first);
        repository().keep(OTHER_KEY, other);

        repository().keep(KEY, mail("Mail3", new byte[] {1, 2, 3}));
        repository().delete(KEY);

        assertThat(repository().get(KEY)).isEmpty();
        assertThat(repository().get(OTHER_KEY)).contains(other);
    }
}
