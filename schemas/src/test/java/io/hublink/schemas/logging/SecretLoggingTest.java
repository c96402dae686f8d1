package io.hublink.schemas.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretLoggingTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void resetLevels() {
        for (String name : List.of("test.secret", "test.secret.sub", "test.capped", "test.capped.sub")) {
            context.getLogger(name).setLevel(null);
        }
    }

    @Test
    void should_deny_every_level_of_an_always_denied_logger_and_those_below_it_whatever_their_level() {
        // given
        assertThat(SecretLogging.denyAlways(List.of("test.secret"))).isTrue();

        // when someone lifts their levels
        context.getLogger("test.secret").setLevel(Level.TRACE);
        context.getLogger("test.secret.sub").setLevel(Level.TRACE);

        // then
        assertThat(LoggerFactory.getLogger("test.secret").isErrorEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("test.secret.sub").isTraceEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("test.secretive").isErrorEnabled()).isTrue();
    }

    @Test
    void should_deny_only_below_info_for_a_capped_logger() {
        // given
        SecretLogging.denyBelowInfo(List.of("test.capped"));

        // when
        context.getLogger("test.capped.sub").setLevel(Level.TRACE);

        // then
        assertThat(LoggerFactory.getLogger("test.capped.sub").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("test.capped.sub").isInfoEnabled()).isTrue();
    }

    @Test
    void should_apply_a_rule_added_after_a_logger_was_already_asked() {
        // given a logger asked (and its decision remembered) before its rule exists
        context.getLogger("test.late").setLevel(Level.TRACE);
        assertThat(LoggerFactory.getLogger("test.late").isDebugEnabled()).isTrue();

        // when
        SecretLogging.denyBelowInfo(List.of("test.late"));

        // then
        assertThat(LoggerFactory.getLogger("test.late").isDebugEnabled()).isFalse();
        context.getLogger("test.late").setLevel(null);
    }

    @Test
    void should_keep_one_turbo_filter_however_many_modules_add_rules() {
        // when
        SecretLogging.denyAlways(List.of("test.secret"));
        SecretLogging.denyBelowInfo(List.of("test.capped"));
        SecretLogging.denyAlways(List.of("test.secret"));

        // then: Logback copies its filter list on every level check once it holds two filters
        assertThat(context.getTurboFilterList()).hasSize(1);
    }
}
