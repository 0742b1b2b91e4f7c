package org.smtpplus.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceClassifierTest {

    @ParameterizedTest(name = "{0} \"{1}\" is {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // a specific status decides alone
        "5.1.1  | 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown | HARD",
        "5.1.2  | Host unknown                                                          | HARD",
        "5.1.10 | 550 5.1.10 RESOLVER.ADR.RecipientNotFound                             | HARD",
        "5.1.7  | 553 5.1.7 <bounces+x@bounces.example>: Sender address rejected: bad syntax | BLOCK",
        "5.1.8  | 553 5.1.8 Sender address rejected: Domain not found                   | BLOCK",
        "5.4.4  | Host or domain name not found                                         | HARD",
        "5.2.1  | The email account that you tried to reach is disabled                 | HARD",
        "5.2.2  | Mailbox full                                                          | SOFT",
        "5.2.3  | Message too big for system                                            | SOFT",
        "5.3.4  | Message size exceeds fixed limit                                      | SOFT",
        "5.4.1  | Recipient address rejected: Access denied                             | SOFT",
        "5.4.7  | Delivery time expired                                                 | SOFT",
        "5.5.0  | Requested action not taken: mailbox unavailable                       | SOFT",
        "5.6.0  | Content conversion failed                                             | SOFT",
        "4.1.1  | Recipient address rejected: User unknown                              | SOFT",
        "4.2.2  | Over quota, try again later                                           | SOFT",
        "4.4.1  | Connection timed out                                                  | SOFT",
        "4.7.1  | Greylisted, please try again later                                    | BLOCK",
        "5.7.1  | User unknown                                                          | BLOCK",
        "5.7.1  | 550 5.7.1 Relay access denied                                         | BLOCK",
        "5.7.26 | Unauthenticated email is not accepted due to domain's DMARC policy    | BLOCK",
        "5.7.606| Access denied, banned sending IP                                      | BLOCK",
        // an unspecific status gives way to a specific one in the text, else to the phrases
        "5.0.0  | 550 5.1.1 <a@example.com>... User unknown                             | HARD",
        "5.0.0  | 550 User unknown                                                      | HARD",
        "5.0.0  | 554 Your IP is blocked by spamhaus                                    | BLOCK",
        "5.0.0  | Message rejected                                                      | SOFT",
        "4.0.0  | 450 User unknown                                                      | SOFT",
        "5.0.0  | 550 Requested action not taken: mailbox unavailable                   | HARD",
        "5.0.0  | 554 Requested action not taken: mailbox unavailable                   | SOFT",
        "5.0.0  | 550 User unknown, mailbox full: try again later                       | SOFT",
        // no status: the reply code and the phrases
        "-      | 552 Requested mail action aborted: mailbox full                       | SOFT",
        "-      | 552 Requested mail action aborted: exceeded storage allocation        | SOFT",
        "-      | 552 delivery error: dd This user doesn't have a example.com account   | HARD",
        "-      | 554 delivery error: dd This user doesn't have a example.com account   | HARD",
        "-      | 550 No such user here                                                 | HARD",
        "-      | 553 sorry, that domain isn't in my list of allowed rcpthosts          | SOFT",
        "-      | 550 Sender address rejected: Domain not found                         | BLOCK",
        "-      | 550 Recipient address rejected: Domain not found                      | HARD",
        "-      | 451 Temporary local problem                                           | SOFT",
        "-      | 421 Too many connections from your IP, blocked                        | SOFT",
        "-      | Remote host said: 550 mailbox unavailable                             | HARD",
        "-      | User jdoe not listed in Domino Directory                              | HARD",
        "-      | There are no DNS entries for the hostname nowhere.example.  I cannot determine where to send this message. | HARD",
        "-      | Sorry, no mailbox here by that name. (#5.1.1)                         | HARD",
        "-      | The users mailfolder is over the allowed quota (size). (#5.2.2)       | SOFT",
        "-      | mailbox is full: retry timeout exceeded                               | SOFT",
        "-      | Message rejected due to content restrictions                          | BLOCK",
        "-      | Something went wrong                                                  | SOFT",
        // a status that is no failure says nothing
        "2.0.0  | 550 Invalid recipient                                                 | HARD",
        "nonsense | 550 Invalid recipient                                               | HARD",
    })
    void classifies(String status, String diagnostic, BounceType expected) {
        assertThat(BounceClassifier.classify(Optional.ofNullable(status), diagnostic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" has {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "550 5.1.1 <a@example.com>: unknown                  | 5.1.1",
        "550-5.1.1 The email account does not exist          | 5.1.1",
        "Sorry, no mailbox here by that name. (#5.1.1)       | 5.1.1",
        "550 5.1.10 RESOLVER.ADR.RecipientNotFound           | 5.1.10",
        "<mx.example.com #5.7.606>                            | 5.7.606",
        "Status: 2.0.0                                       | 2.0.0",
        "4.2.2 ends the sentence 4.2.2.                      | 4.2.2",
        "connect to 192.0.2.5.1: refused                     | -",
        "Sendmail 8.17.1/8.17.1                              | -",
        "5.1                                                 | -",
        "3.1.1 is no class                                   | -",
        "5.1000.1 has a subject of four digits               | -",
        "no code at all                                      | -",
    })
    void findsTheStatusInAText(String text, String expected) {
        assertThat(BounceClassifier.statusIn(text)).isEqualTo(Optional.ofNullable(expected));
    }
}
