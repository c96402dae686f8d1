package io.hublink.worker.clickup;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a token's next ClickUp call may go, so each token stays under its per-minute limit and waits out a
 * 429. Calls are given slots: a slot is {@code now} unless the token already has {@code limit} slots in the minute
 * before, then it is one minute after the oldest of those. Slots only ever move forward, so no rolling minute (and
 * so none of ClickUp's fixed windows) holds more than {@code limit} calls. Other tokens are unaffected.
 *
 * <p>Memory is bounded: a token with no slot in the last minute and no 429 hold constrains nothing and is dropped
 * first; past {@code maxTokens} the least recently used are dropped too. Thread-safe (one lock; the work per call
 * is a few array operations).
 */
final class TokenPacer {

    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    /** Sweep idle entries after this many new tokens, so the map does not grow between sweeps at a high rate. */
    private static final int SWEEP_EVERY = 1024;

    private final int limit;
    private final int maxTokens;
    private final LinkedHashMap<TokenKey, Window> windows = new LinkedHashMap<>(64, 0.75f, true);
    private int addedSinceSweep;

    TokenPacer(int perMinute, int maxTokens) {
        this.limit = perMinute;
        this.maxTokens = maxTokens;
    }

    /**
     * Reserves the earliest slot for one call of {@code key} from {@code now} on, unless it would be later than
     * {@code notAfter}: then nothing is reserved and the result is empty.
     */
    synchronized Optional<Instant> reserve(TokenKey key, Instant now, Instant notAfter) {
        long nowMs = now.toEpochMilli();
        Window window = windows.get(key);
        if (window == null) {
            window = new Window(limit);
            windows.put(key, window);
            if (++addedSinceSweep >= SWEEP_EVERY || windows.size() > maxTokens) {
                sweep(nowMs);
            }
        }
        long slot = window.count < limit ? nowMs : Math.max(nowMs, window.oldest() + MINUTE_MS);
        slot = Math.max(slot, window.newest()); // never before an earlier reservation: slots stay in order
        if (slot > notAfter.toEpochMilli()) {
            return Optional.empty();
        }
        window.add(slot, limit);
        return Optional.of(Instant.ofEpochMilli(slot));
    }

    /** After a 429: no call of {@code key} before {@code until}. */
    synchronized void holdUntil(TokenKey key, Instant until) {
        Window window = windows.computeIfAbsent(key, k -> new Window(limit));
        window.heldUntil = Math.max(window.heldUntil, until.toEpochMilli());
    }

    /** When a 429 hold on {@code key} ends; empty when there is none after {@code now}. */
    synchronized Optional<Instant> heldAfter(TokenKey key, Instant now) {
        Window window = windows.get(key);
        if (window == null || window.heldUntil <= now.toEpochMilli()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(window.heldUntil));
    }

    synchronized int trackedTokens() {
        return windows.size();
    }

    private void sweep(long nowMs) {
        addedSinceSweep = 0;
        windows.values().removeIf(w -> w.isIdle(nowMs));
        Iterator<Map.Entry<TokenKey, Window>> eldestFirst = windows.entrySet().iterator();
        while (windows.size() > maxTokens && eldestFirst.hasNext()) {
            eldestFirst.next();
            eldestFirst.remove();
        }
    }

    /** The token's most recent slots (a ring of at most {@code limit}, grown on demand) and its 429 hold. */
    private static final class Window {
        long[] slots;
        int start;
        int count;
        long heldUntil;

        Window(int limit) {
            slots = new long[Math.min(2, limit)];
        }

        long oldest() {
            return slots[start];
        }

        long newest() {
            return count == 0 ? Long.MIN_VALUE : slots[(start + count - 1) % slots.length];
        }

        void add(long slot, int limit) {
            if (count == limit) { // full: the oldest leaves the window
                slots[start] = slot;
                start = (start + 1) % slots.length;
                return;
            }
            if (count == slots.length) {
                long[] grown = new long[Math.min(limit, slots.length * 2)];
                for (int i = 0; i < count; i++) {
                    grown[i] = slots[(start + i) % slots.length];
                }
                slots = grown;
                start = 0;
            }
            slots[(start + count) % slots.length] = slot;
            count++;
        }

        boolean isIdle(long nowMs) {
            return heldUntil <= nowMs && (count == 0 || newest() + MINUTE_MS <= nowMs);
        }
    }
}
