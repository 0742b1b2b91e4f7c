package org.smtpplus.webadmin;

import static org.apache.james.webadmin.Constants.JSON_CONTENT_TYPE;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.eclipse.jetty.http.HttpStatus;
import org.smtpplus.core.pacing.InvalidPacingException;
import org.smtpplus.core.pacing.Pacing;
import org.smtpplus.core.pacing.PacingRule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * {@code /smtpplus/pacing}: the pace of each destination domain, and {@code *} for every other one
 * (docs/api.md#pacing). The waiting counts are this node's: the copies it queued that wait for their slot or a
 * connection.
 */
public class PacingRoutes extends SmtpPlusRoutes {
    static final String BASE_PATH = "/smtpplus/pacing";
    private static final String DESTINATION = ":destination";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Pacing pacing;

    @Inject
    public PacingRoutes(Pacing pacing) {
        super(BASE_PATH);
        this.pacing = pacing;
    }

    @Override
    void defineRoutes(Service service) {
        service.get(BASE_PATH, this::list);
        service.get(BASE_PATH + "/" + DESTINATION, this::get);
        service.put(BASE_PATH + "/" + DESTINATION, this::put);
        service.delete(BASE_PATH + "/" + DESTINATION, this::delete);
    }

    // {"rules":[{rule, "waiting"}], "destinations":[{"destination","rule","waiting"}]}: each rule with the copies waiting
    // under it (for *, those of every domain it paces), and each destination with copies waiting.
    private String list(Request request, Response response) {
        RequestBodies.none(request);
        Map<String, PacingRule> rules = rules();
        Map<String, Long> waiting = new TreeMap<>(pacing.waiting());
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode ruleNodes = answer.putArray("rules");
        rules.values().forEach(rule -> ruleNodes.add(rule.toJson(Optional.of(waitingUnder(rule, rules.keySet(), waiting)))));
        ArrayNode destinations = answer.putArray("destinations");
        waiting.forEach((destination, count) -> {
            ObjectNode node = destinations.addObject();
            node.put("destination", destination);
            if (rules.containsKey(destination)) {
                node.put("rule", destination);
            } else if (rules.containsKey(PacingRule.ANY_OTHER)) {
                node.put("rule", PacingRule.ANY_OTHER);
            } else {
                // its rule was deleted while copies waited: they keep the slots they were given
                node.putNull("rule");
            }
            node.put("waiting", count);
        });
        response.type(JSON_CONTENT_TYPE);
        return answer.toString();
    }

    private Map<String, PacingRule> rules() {
        return pacing.rules().stream()
            .collect(Collectors.toMap(PacingRule::destination, rule -> rule, (a, b) -> a, TreeMap::new));
    }

    private static long waitingUnder(PacingRule rule, Set<String> ruled, Map<String, Long> waiting) {
        if (!rule.destination().equals(PacingRule.ANY_OTHER)) {
            return waiting.getOrDefault(rule.destination(), 0L);
        }
        return waiting.entrySet().stream()
            .filter(entry -> !ruled.contains(entry.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    }

    private String get(Request request, Response response) {
        String destination = destination(request);
        RequestBodies.none(request);
        Map<String, PacingRule> rules = rules();
        PacingRule rule = Optional.ofNullable(rules.get(destination)).orElseThrow(() -> notFound(destination));
        response.type(JSON_CONTENT_TYPE);
        return rule.toJson(Optional.of(waitingUnder(rule, rules.keySet(), pacing.waiting()))).toString();
    }

    private String put(Request request, Response response) {
        String destination = destination(request);
        try {
            PacingRule rule = PacingRule.parse(destination, RequestBodies.json(request));
            response.status(pacing.put(rule) ? HttpStatus.CREATED_201 : HttpStatus.OK_200);
            response.type(JSON_CONTENT_TYPE);
            return rule.toJson(Optional.empty()).toString();
        } catch (InvalidPacingException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private String delete(Request request, Response response) {
        String destination = destination(request);
        RequestBodies.none(request);
        if (!pacing.delete(destination)) {
            throw notFound(destination);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private static String destination(Request request) {
        try {
            return PacingRule.destination(request.params(DESTINATION));
        } catch (InvalidPacingException e) {
            throw RouteErrors.badRequest(e.getMessage());
        }
    }

    private static RuntimeException notFound(String destination) {
        return RouteErrors.notFound(destination + " has no pacing rule of its own");
    }
}
