package io.hublink.publisher.ops;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.publisher.NotificationObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the publisher has seen lately, for its ops page: outcomes per minute by reason over the last hour, and the
 * latest failures. Holds ids and reasons only, never a message or anything secret (outcomes carry no token).
 * Counted as the publisher decides (see {@link NotificationObserver}).
 */
public final class OpsState implements NotificationObserver {

    static final int MINUTES = 60;
    static final int LATEST_FAILURES = 20;
    /** The reasons that mean ClickUp itself was in trouble, not the credentials. */
    static final Set<FailureReason> PROVIDER_TROUBLE = EnumSet.of(FailureReason.PROVIDER_UNAVAILABLE,
            FailureReason.PROVIDER_RATE_LIMITED);

    /** One failure as the page lists it. */
    public record Failure(Instant at, String tenantId, String accountId, String reason, boolean retryable,
                          String workspaceId, String providerCode) {
    }

    /** Counts for one reason ({@code LINKED} for links). */
    public record ReasonCount(String reason, long lastFiveMinutes, long lastHour) {
    }

    private final Clock clock;
    /** Epoch minute → reason → count, for the last {@value #MINUTES} minutes. */
    private final TreeMap<Long, Map<String, Long>> perMinute = new TreeMap<>();
    private final ArrayDeque<Failure> failures = new ArrayDeque<>();

    public OpsState(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void rendered(SpecificRecord outcome, LinkNotification notification) {
        long minute = clock.millis() / 60_000;
        String reason;
        if (outcome instanceof AccountLinked) {
            reason = "LINKED";
        } else if (outcome instanceof LinkFailed) {
            LinkFailed failed = (LinkFailed) outcome;
            reason = failed.getReason().name();
            failures.addFirst(new Failure(failed.getFailedAt(), failed.getTenantId(), failed.getAccountId(), reason,
                    failed.getRetryable(), failed.getWorkspaceId(), failed.getProviderCode()));
            while (failures.size() > LATEST_FAILURES) {
                failures.removeLast();
            }
        } else {
            return;
        }
        perMinute.computeIfAbsent(minute, m -> new HashMap<>()).merge(reason, 1L, Long::sum);
        perMinute.headMap(minute - MINUTES, true).clear();
    }

    /** By reason, most frequent in the last hour first. */
    public synchronized List<ReasonCount> reasons() {
        long now = clock.millis() / 60_000;
        Map<String, long[]> counts = new TreeMap<>();
        perMinute.tailMap(now - MINUTES, false).forEach((minute, byReason) -> byReason.forEach((reason, n) -> {
            long[] c = counts.computeIfAbsent(reason, r -> new long[2]);
            c[1] += n;
            if (minute > now - 5) {
                c[0] += n;
            }
        }));
        List<ReasonCount> out = new ArrayList<>();
        counts.forEach((reason, c) -> out.add(new ReasonCount(reason, c[0], c[1])));
        out.sort((a, b) -> Long.compare(b.lastHour(), a.lastHour()));
        return out;
    }

    /** Outcomes per minute, oldest first, the current minute last ({@value #MINUTES} values). */
    public synchronized long[] perMinuteTotals() {
        long now = clock.millis() / 60_000;
        long[] totals = new long[MINUTES];
        perMinute.tailMap(now - MINUTES, false).forEach((minute, byReason) ->
                totals[(int) (MINUTES - 1 - (now - minute))] = byReason.values().stream().mapToLong(Long::longValue)
                        .sum());
        return totals;
    }

    public synchronized List<Failure> latestFailures() {
        return List.copyOf(failures);
    }
}
