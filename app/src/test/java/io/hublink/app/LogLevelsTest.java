package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** {@code --log-level TRACE} turns everything up except the loggers that could print a token. */
@Timeout(10)
class LogLevelsTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<String, Level> saved = new HashMap<>();

    @BeforeEach
    void saveLevels() {
        for (Logger logger : context.getLoggerList()) {
            saved.put(logger.getName(), logger.getLevel());
        }
    }

    @AfterEach
    void restoreLevels() {
        for (Logger logger : context.getLoggerList()) {
            logger.setLevel(saved.get(logger.getName()));
        }
    }

    @Test
    void should_keep_httpclients_header_wire_and_frame_loggers_off_at_trace_even_if_set_again_later() {
        LogLevels.apply("TRACE");
        List<String> secretBearing = List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire",
                "org.apache.hc.client5.http2.frame", "org.apache.hc.client5.http2.frame.payload",
                "org.apache.hc.client5.http2.flow");
        // someone turns one up again after start-up
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.TRACE);

        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").isTraceEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.hc.client5.http.impl.async.InternalHttpAsyncClient")
                .isDebugEnabled()).isTrue();
        for (String name : secretBearing) {
            assertThat(context.getLogger(name).isErrorEnabled()).as(name).isFalse();
            assertThat(context.getLogger(name + ".child").isErrorEnabled()).as(name + ".child").isFalse();
        }
    }
}
