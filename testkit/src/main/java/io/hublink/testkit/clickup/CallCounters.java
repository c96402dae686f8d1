package io.hublink.testkit.clickup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls arrived, in all, without a token, and per token presented. Thread-safe. */
final class CallCounters {

    private final LongAdder total = new LongAdder();
    private final LongAdder unauthenticated = new LongAdder();
    private final Map<String, LongAdder> perToken = new ConcurrentHashMap<>();

    /** Counts one call; {@code authorization} is the header's value, empty when it was missing or blank. */
    void record(String authorization) {
        total.increment();
        if (authorization.isEmpty()) {
            unauthenticated.increment();
        } else {
            perToken.computeIfAbsent(authorization, t -> new LongAdder()).increment();
        }
    }

    long total() {
        return total.sum();
    }

    long unauthenticated() {
        return unauthenticated.sum();
    }

    long presenting(String token) {
        LongAdder count = perToken.get(token);
        return count == null ? 0 : count.sum();
    }

    void reset() {
        total.reset();
        unauthenticated.reset();
        perToken.clear();
    }
}
