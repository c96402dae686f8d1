package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.hublink.worker.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClickUpBreakerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ClickUpBreaker.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void should_log_each_transition_once_with_its_reason() {
        // given
        CircuitBreaker breaker = ClickUpBreaker.create(BreakerSettings.ofDefaults().withWindow(4, 4), clock);

        // when
        for (int i = 0; i < 4; i++) {
            breaker.tryAcquirePermission();
            breaker.onError(10, TimeUnit.MILLISECONDS, new ProviderTroubleException("server error 503"));
        }
        clock.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onSuccess(10, TimeUnit.MILLISECONDS);
        }

        // then
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("CLOSED -> OPEN").contains("failure rate 100%").contains("last 4 calls");
        assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(lines.get(1)).contains("OPEN -> HALF_OPEN").contains("probing");
        assertThat(lines.get(2)).contains("HALF_OPEN -> CLOSED");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_count_slow_answers_toward_opening() {
        // given
        CircuitBreaker breaker = ClickUpBreaker.create(BreakerSettings.ofDefaults().withWindow(4, 4), clock);

        // when
        for (int i = 0; i < 4; i++) {
            breaker.tryAcquirePermission();
            breaker.onSuccess(2_500, TimeUnit.MILLISECONDS);
        }

        // then
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(logs.list.get(0).getFormattedMessage()).contains("slow-call rate 100%");
    }

    @Test
    void should_say_why_half_open_ended_and_tell_each_change_once_to_its_watcher() {
        // given
        List<BreakerStateChange> changes = new ArrayList<>();
        CircuitBreaker breaker = ClickUpBreaker.create(BreakerSettings.ofDefaults().withWindow(4, 4), clock,
                changes::add);
        for (int i = 0; i < 4; i++) {
            breaker.tryAcquirePermission();
            breaker.onError(10, TimeUnit.MILLISECONDS, new ProviderTroubleException("server error 503"));
        }

        // when every probe fails
        clock.advance(Duration.ofSeconds(11));
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onError(10, TimeUnit.MILLISECONDS, new ProviderTroubleException("server error 503"));
        }
        // and, next time, one probe answers but the others never do until the half-open wait ends
        clock.advance(Duration.ofSeconds(11));
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onSuccess(10, TimeUnit.MILLISECONDS);
        breaker.tryAcquirePermission();
        breaker.transitionToOpenState(); // what the bounded wait in half-open does

        // then
        assertThat(changes).extracting(c -> c.from() + "->" + c.to()).containsExactly("CLOSED->OPEN",
                "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        assertThat(changes.get(2).reason()).startsWith("probes failed: failure rate 100%");
        assertThat(changes.get(4).reason()).startsWith("only 1 of 3 probes answered within 30s");
        assertThat(changes.get(4).toString()).startsWith("HALF_OPEN -> OPEN: only 1 of 3");
        assertThat(logs.list).hasSize(changes.size());
        assertThat(logs.list.get(4).getFormattedMessage()).endsWith(changes.get(4).toString());
    }
}
