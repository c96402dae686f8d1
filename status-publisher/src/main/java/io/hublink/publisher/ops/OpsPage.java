package io.hublink.publisher.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The publisher's live ops page: a static page ({@code /}) whose script reads {@link #json()} ({@code /ops/state.json})
 * every few seconds and shows outcome rates by reason over the last hour, how ClickUp looks from the outcomes, the
 * consumer lag, the webhook endpoints' breakers and the latest failures. The script writes every value as text, never
 * as markup. Nothing on it is secret: ids, reasons, counts and states.
 *
 * <p>The ClickUp circuit breaker lives in each worker (its {@code hublink_clickup_breaker_state} metric); the
 * publisher only sees its effect, so the page derives ClickUp's state from the outcomes: {@code TROUBLE} when most
 * outcomes of the last five minutes were provider failures, {@code OK} when some were decided, {@code NO_DATA}
 * otherwise.
 */
public final class OpsPage {

    public static final String STATE_PATH = "/ops/state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param lags      consumer group → records behind, of this publisher's loops
     * @param webhooks  tenant → endpoint state (CLOSED, OPEN, HALF_OPEN, DISABLED); empty without webhooks
     */
    public record Sources(OpsState state, Supplier<Map<String, Long>> lags, Supplier<Map<String, String>> webhooks,
                          Clock clock) {
    }

    private final Sources sources;
    private final String html;

    public OpsPage(Sources sources) {
        this.sources = sources;
        try (InputStream in = OpsPage.class.getResourceAsStream("ops-page.html")) {
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("ops-page.html is missing from the jar", e);
        }
    }

    public String html() {
        return html;
    }

    public String json() {
        OpsState state = sources.state();
        ObjectNode root = JSON.createObjectNode();
        root.put("generatedAt", sources.clock().instant().toString());
        ArrayNode reasons = root.putArray("outcomes");
        long recent = 0;
        long recentTrouble = 0;
        for (OpsState.ReasonCount count : state.reasons()) {
            ObjectNode row = reasons.addObject();
            row.put("reason", count.reason());
            row.put("last5m", count.lastFiveMinutes());
            row.put("lastHour", count.lastHour());
            row.put("perMinute", Math.round(count.lastHour() / 60.0 * 100) / 100.0);
            recent += count.lastFiveMinutes();
            if (count.reason().equals("PROVIDER_UNAVAILABLE") || count.reason().equals("PROVIDER_RATE_LIMITED")) {
                recentTrouble += count.lastFiveMinutes();
            }
        }
        ArrayNode minutes = root.putArray("perMinute");
        for (long n : state.perMinuteTotals()) {
            minutes.add(n);
        }
        ObjectNode clickup = root.putObject("clickup");
        clickup.put("state", recent == 0 ? "NO_DATA" : recentTrouble * 2 > recent ? "TROUBLE" : "OK");
        clickup.put("providerFailuresLast5m", recentTrouble);
        clickup.put("outcomesLast5m", recent);
        ObjectNode lag = root.putObject("lag");
        new TreeMap<>(sources.lags().get()).forEach(lag::put);
        ArrayNode webhooks = root.putArray("webhooks");
        new TreeMap<>(sources.webhooks().get()).forEach((tenant, endpointState) -> {
            ObjectNode row = webhooks.addObject();
            row.put("tenant", tenant);
            row.put("state", endpointState);
        });
        ArrayNode failures = root.putArray("latestFailures");
        for (OpsState.Failure failure : state.latestFailures()) {
            ObjectNode row = failures.addObject();
            row.put("at", failure.at().toString());
            row.put("tenantId", failure.tenantId());
            row.put("accountId", failure.accountId());
            row.put("reason", failure.reason());
            row.put("retryable", failure.retryable());
            row.put("workspaceId", failure.workspaceId());
            row.put("providerCode", failure.providerCode());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
