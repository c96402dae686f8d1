package io.hublink.publisher.ops;

import io.hublink.publisher.webhooks.WebhookObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery metrics. The {@code tenant} tag takes only the tenant ids of the webhooks file (the operator's own,
 * bounded list), never a value read from a record; the other tags come from fixed sets.
 *
 * <ul>
 *   <li>{@code hublink_webhook_deliveries_total{tenant, result="delivered"|"parked", reason="none"|
 *       "endpoint-disabled"|"attempts-exhausted"|"backlog"}}</li>
 *   <li>{@code hublink_webhook_attempt_seconds{tenant, result="2xx"|"3xx"|"4xx"|"5xx"|"timeout"|"io"}}: every HTTP
 *       attempt, with its duration</li>
 *   <li>{@code hublink_webhook_endpoint_disabled{tenant}}: 1 while the endpoint is disabled</li>
 * </ul>
 */
public final class WebhookMetrics implements WebhookObserver {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> disabled = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry, Set<String> tenants) {
        this.registry = registry;
        for (String tenant : tenants) {
            AtomicInteger flag = new AtomicInteger();
            disabled.put(tenant, flag);
            Gauge.builder("hublink.webhook.endpoint.disabled", flag, AtomicInteger::get)
                    .description("1 while the tenant's webhook endpoint is disabled (its deliveries parked)")
                    .tag("tenant", tenant).strongReference(true).register(registry);
            deliveries(tenant, "delivered", "none");
        }
    }

    @Override
    public void attempted(String tenantId, String result, Duration took) {
        Timer.builder("hublink.webhook.attempt").description("Webhook HTTP attempts, by tenant and result")
                .tag("tenant", tenantId).tag("result", result).register(registry).record(took);
    }

    @Override
    public void delivered(String tenantId) {
        deliveries(tenantId, "delivered", "none").increment();
    }

    @Override
    public void parked(String tenantId, String reason) {
        deliveries(tenantId, "parked", reason).increment();
    }

    @Override
    public void endpointDisabled(String tenantId) {
        disabled.computeIfAbsent(tenantId, t -> new AtomicInteger()).set(1);
    }

    @Override
    public void endpointEnabled(String tenantId) {
        disabled.computeIfAbsent(tenantId, t -> new AtomicInteger()).set(0);
    }

    private Counter deliveries(String tenant, String result, String reason) {
        return Counter.builder("hublink.webhook.deliveries")
                .description("Webhook deliveries settled, by tenant and result (delivered, or parked and why)")
                .tag("tenant", tenant).tag("result", result).tag("reason", reason).register(registry);
    }
}
