package org.smtpplus.core.account;

import java.util.List;
import java.util.Optional;

import org.smtpplus.core.merge.TextAndHtml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of {@code /smtpplus/accounts/{name}} (docs/api.md#accounts): the PUT body in, the GET view out.
 * Thread-safe.
 */
public final class AccountJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Validates a PUT body; every field is optional, JSON {@code null} resets a field to its default.
     */
    public AccountUpdate parse(String json) throws InvalidAccountException {
        return AccountUpdateReader.read(json);
    }

    /**
     * Creates the account (a password is then required) or updates {@code existing}.
     */
    public static Account apply(Optional<Account> existing, String name, AccountUpdate update, PasswordHasher hasher)
            throws InvalidAccountException {
        return update.applyTo(existing, name, hasher);
    }

    /**
     * The GET view: every field of the PUT body but the password, unset ones as {@code null}. A PUT of this view
     * leaves the account as it is.
     */
    public ObjectNode toJsonNode(Account account) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(AccountFields.NAME, account.name());
        putStrings(node, AccountFields.AUTHORIZED_DOMAINS, account.authorizedDomains());
        putStrings(node, AccountFields.AUTHORIZED_SENDERS, account.authorizedSenders());
        node.set(AccountFields.PLAN, account.plan().map(AccountJson::planNode).orElse(null));
        node.put(AccountFields.OVERAGE, account.overage().asJson());
        putStrings(node, AccountFields.NOTIFY, account.notifyAddresses());
        node.put(AccountFields.DEFAULT_LIST, account.defaultList().orElse(null));
        node.put(AccountFields.DEFAULT_CUSTOM_ID, account.defaultCustomId().orElse(null));
        node.put(AccountFields.MAX_RECIPIENTS, account.maxRecipients());
        node.put(AccountFields.MAX_MESSAGE_KB, account.maxMessageKb());
        putStrings(node, AccountFields.PASSTHROUGH_HEADERS, account.passthroughHeaders());
        node.set(AccountFields.HEADER, account.header().map(AccountJson::templateNode).orElse(null));
        node.set(AccountFields.FOOTER, account.footer().map(AccountJson::templateNode).orElse(null));
        node.put(AccountFields.IP_POOL, account.ipPool().orElse(null));
        node.putObject(AccountFields.TRACKING)
            .put(AccountFields.OPENS, account.tracking().opens())
            .put(AccountFields.CLICKS, account.tracking().clicks());
        return node;
    }

    public String toJson(Account account) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(account));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    private static void putStrings(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static ObjectNode planNode(Plan plan) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(AccountFields.MESSAGES_PER_MONTH, plan.messagesPerMonth().orElse(null));
        node.put(AccountFields.MEGABYTES_PER_MONTH, plan.megabytesPerMonth().orElse(null));
        return node;
    }

    private static ObjectNode templateNode(TextAndHtml template) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(AccountFields.TEXT, template.text().orElse(null));
        node.put(AccountFields.HTML, template.html().orElse(null));
        return node;
    }
}
