package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.schemas.SecretToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenPacerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FAR = T0.plus(Duration.ofDays(1));
    private final TokenKey a = TokenKey.of(SecretToken.of("pk_a"));
    private final TokenKey b = TokenKey.of(SecretToken.of("pk_b"));

    @Test
    void should_let_a_token_make_its_limit_at_once_and_give_the_next_call_a_slot_a_minute_after_the_first() {
        // given
        TokenPacer pacer = new TokenPacer(3, 100);

        // when
        Instant first = pacer.reserve(a, T0, FAR).orElseThrow();
        Instant second = pacer.reserve(a, T0.plusSeconds(10), FAR).orElseThrow();
        Instant third = pacer.reserve(a, T0.plusSeconds(20), FAR).orElseThrow();
        Instant fourth = pacer.reserve(a, T0.plusSeconds(30), FAR).orElseThrow();
        Instant fifth = pacer.reserve(a, T0.plusSeconds(30), FAR).orElseThrow();

        // then
        assertThat(first).isEqualTo(T0);
        assertThat(second).isEqualTo(T0.plusSeconds(10));
        assertThat(third).isEqualTo(T0.plusSeconds(20));
        assertThat(fourth).isEqualTo(T0.plusSeconds(60));
        assertThat(fifth).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void should_never_put_more_than_the_limit_into_any_minute() {
        // given
        TokenPacer pacer = new TokenPacer(100, 100);
        long[] slots = new long[1000];

        // when calls arrive faster than the limit
        for (int i = 0; i < slots.length; i++) {
            slots[i] = pacer.reserve(a, T0.plusMillis(i * 50L), FAR).orElseThrow().toEpochMilli();
        }

        // then
        for (int i = 100; i < slots.length; i++) {
            assertThat(slots[i] - slots[i - 100]).isGreaterThanOrEqualTo(60_000);
            assertThat(slots[i]).isGreaterThanOrEqualTo(slots[i - 1]);
        }
    }

    @Test
    void should_not_slow_other_tokens() {
        // given
        TokenPacer pacer = new TokenPacer(1, 100);
        pacer.reserve(a, T0, FAR);

        // then
        assertThat(pacer.reserve(a, T0, FAR)).contains(T0.plusSeconds(60));
        assertThat(pacer.reserve(b, T0, FAR)).contains(T0);
    }

    @Test
    void should_reserve_nothing_when_the_slot_would_come_too_late() {
        // given
        TokenPacer pacer = new TokenPacer(1, 100);
        pacer.reserve(a, T0, FAR);

        // when
        Optional<Instant> tooLate = pacer.reserve(a, T0, T0.plusSeconds(59));

        // then
        assertThat(tooLate).isEmpty();
        assertThat(pacer.reserve(a, T0, FAR)).contains(T0.plusSeconds(60));
    }

    @Test
    void should_hold_a_rate_limited_token_until_the_given_time() {
        // given
        TokenPacer pacer = new TokenPacer(100, 100);

        // when
        pacer.holdUntil(a, T0.plusSeconds(30));

        // then
        assertThat(pacer.heldAfter(a, T0)).contains(T0.plusSeconds(30));
        assertThat(pacer.heldAfter(a, T0.plusSeconds(30))).isEmpty();
        assertThat(pacer.heldAfter(b, T0)).isEmpty();
    }

    @Test
    void should_keep_memory_bounded_by_dropping_idle_and_then_least_recent_tokens() {
        // given
        TokenPacer pacer = new TokenPacer(100, 50);

        // when 5,000 tokens call once each, one a second
        for (int i = 0; i < 5_000; i++) {
            pacer.reserve(TokenKey.of(SecretToken.of("pk_" + i)), T0.plusSeconds(i), FAR);
        }

        // then
        assertThat(pacer.trackedTokens()).isLessThanOrEqualTo(51);
    }

    @Test
    void should_key_tokens_by_hash_without_showing_them() {
        assertThat(TokenKey.of(SecretToken.of("pk_a"))).isEqualTo(a).hasSameHashCodeAs(a).isNotEqualTo(b);
        assertThat(a.toString()).doesNotContain("pk_a");
    }
}
