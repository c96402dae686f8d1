package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpWireLoggingTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Test
    void should_turn_the_header_and_wire_loggers_off_on_logback() {
        // when
        boolean silenced = HttpWireLogging.silence();

        // then
        assertThat(silenced).isTrue();
        for (String name : HttpWireLogging.SECRET_BEARING_LOGGERS) {
            assertThat(context.getLogger(name).getLevel()).as(name).isEqualTo(Level.OFF);
            assertThat(LoggerFactory.getLogger(name).isErrorEnabled()).as(name).isFalse();
        }
    }

    @Test
    void should_keep_them_off_when_someone_sets_their_level_later() {
        // given
        HttpWireLogging.silence();

        // when
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.TRACE);
        context.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.DEBUG);

        // then
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isTraceEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.wire.sub").isErrorEnabled()).isFalse();
    }

    @Test
    void should_leave_other_loggers_alone_and_install_its_filter_once() {
        // when
        HttpWireLogging.silence();
        HttpWireLogging.silence();

        // then
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.impl").isErrorEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.headersX").isErrorEnabled()).isTrue();
        assertThat(context.getTurboFilterList()).hasSize(1);
    }
}
