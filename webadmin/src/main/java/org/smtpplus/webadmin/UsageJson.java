package org.smtpplus.webadmin;

import org.smtpplus.core.account.Account;
import org.smtpplus.core.account.AccountJson;
import org.smtpplus.core.usage.PlanUsage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The usage object of docs/api.md#accounts, written alike by {@code GET /smtpplus/accounts/{name}/usage} and by each
 * account of {@code GET /smtpplus/accounts?over=}: the month's counters, the percent of the plan (null without a
 * limit), whether the account is blocked, when the plan starts again, the plan itself and what went beyond it.
 * Thread-safe.
 */
final class UsageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PLAN = "plan";

    private final AccountJson accountJson = new AccountJson();

    ObjectNode toJsonNode(Account account, PlanUsage usage) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("month", usage.month().toString());
        node.put("messages", usage.usage().messages());
        node.put("bytes", usage.usage().bytes());
        if (usage.percent().isPresent()) {
            node.put("percent", usage.percent().getAsLong());
        } else {
            node.putNull("percent");
        }
        node.put("blocked", usage.blocked());
        node.put("resetsAt", usage.resetsAt().toString());
        // Taken from the account's own JSON so that the two can never describe one plan differently.
        node.set(PLAN, accountJson.toJsonNode(account).get(PLAN));
        ObjectNode overage = node.putObject("overage");
        overage.put("messages", usage.overageMessages());
        overage.put("bytes", usage.overageBytes());
        return node;
    }

    String toJson(Account account, PlanUsage usage) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(account, usage));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }
}
