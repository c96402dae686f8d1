package io.hublink.testkit.clickup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ClickUp simulator knows and does: its accounts, the revoked tokens, its latency, the per-token rate limit
 * and the fault windows. Read one from DESIGN's scenario JSON with {@link #fromJson(Path)}, or build one in code:
 * {@code Scenario.empty().withAccount(Account.of(...)).withLatency(Duration.ofMillis(100))}.
 * {@link #toString()} never shows a token.
 *
 * @param rateLimitPerMinute calls each token may make per one-minute window (ClickUp's Free plan allows 100)
 * @param faults fault windows; where they overlap, the first listed wins
 */
public record Scenario(List<Account> accounts, List<String> revokedTokens, Duration latency, int rateLimitPerMinute,
                       List<FaultWindow> faults) {

    /** ClickUp's limit on its Free Forever, Unlimited and Business plans. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 100;

    public Scenario {
        accounts = List.copyOf(accounts);
        revokedTokens = List.copyOf(revokedTokens);
        faults = List.copyOf(faults);
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latencyMs must not be negative");
        }
        if (rateLimitPerMinute < 1) {
            throw new IllegalArgumentException("rateLimitPerMinute must be at least 1");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            Integer earlier = seen.putIfAbsent(accounts.get(i).token(), i);
            if (earlier != null) {
                throw new IllegalArgumentException("accounts[" + i + "].token duplicates accounts[" + earlier + "].token");
            }
        }
        for (int i = 0; i < revokedTokens.size(); i++) {
            Tokens.requireValid(revokedTokens.get(i), "revokedTokens[" + i + "]");
        }
    }

    /** No accounts, no latency, the default rate limit, no faults. */
    public static Scenario empty() {
        return new Scenario(List.of(), List.of(), Duration.ZERO, DEFAULT_RATE_LIMIT_PER_MINUTE, List.of());
    }

    /** Reads DESIGN's scenario JSON; a bad file gives an {@link IllegalArgumentException} naming the field. */
    public static Scenario fromJson(Path file) {
        return ScenarioParser.parse(file);
    }

    /** Parses DESIGN's scenario JSON; bad input gives an {@link IllegalArgumentException} naming the field. */
    public static Scenario fromJson(String json) {
        return ScenarioParser.parse(json);
    }

    public Scenario withAccount(Account account) {
        List<Account> more = new ArrayList<>(accounts);
        more.add(account);
        return new Scenario(more, revokedTokens, latency, rateLimitPerMinute, faults);
    }

    public Scenario withRevokedToken(String token) {
        List<String> more = new ArrayList<>(revokedTokens);
        more.add(token);
        return new Scenario(accounts, more, latency, rateLimitPerMinute, faults);
    }

    public Scenario withLatency(Duration latency) {
        return new Scenario(accounts, revokedTokens, latency, rateLimitPerMinute, faults);
    }

    public Scenario withRateLimitPerMinute(int rateLimitPerMinute) {
        return new Scenario(accounts, revokedTokens, latency, rateLimitPerMinute, faults);
    }

    public Scenario withFault(FaultWindow window) {
        List<FaultWindow> more = new ArrayList<>(faults);
        more.add(window);
        return new Scenario(accounts, revokedTokens, latency, rateLimitPerMinute, more);
    }

    @Override
    public String toString() {
        return "Scenario[accounts=" + accounts + ", revokedTokens=" + revokedTokens.size() + " " + Tokens.REDACTED
                + ", latency=" + latency + ", rateLimitPerMinute=" + rateLimitPerMinute + ", faults=" + faults + "]";
    }
}
