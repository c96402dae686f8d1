package io.hublink.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.hublink.worker.clickup.HttpWireLogging;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log-level}. The loggers that could print a token (HttpClient's header, wire and HTTP/2 frame logs)
 * stay off at every level: that is re-applied here, after the flag, and a turbo filter denies their events whatever
 * level is set on them later ({@link HttpWireLogging}), so no configuration can turn them on.
 */
final class LogLevels {

    static final List<String> ALWAYS_OFF = HttpWireLogging.SECRET_BEARING_LOGGERS;
    private static final List<String> LIBRARIES = List.of("org.apache.kafka", "kafka", "org.eclipse.jetty",
            "org.apache.avro", "org.apache.hc");

    private LogLevels() {
    }

    /** {@code level} null keeps the defaults of logback.xml. */
    static void apply(String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (level != null) {
            Level parsed = parse(level);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(parsed);
            for (String library : LIBRARIES) {
                context.getLogger(library).setLevel(parsed);
            }
        }
        for (String name : ALWAYS_OFF) {
            context.getLogger(name).setLevel(Level.OFF);
        }
        HttpWireLogging.silence();
    }

    /** Libraries say only errors: for the demo, whose standard error sits next to its report. */
    static void quietLibraries() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            for (String library : LIBRARIES) {
                context.getLogger(library).setLevel(Level.ERROR);
            }
            context.getLogger("state.change.logger").setLevel(Level.ERROR);
        }
    }

    static Level parse(String level) {
        String upper = level.trim().toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(upper)) {
            throw new IllegalArgumentException("log-level: must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF; was " + level);
        }
        return Level.toLevel(upper);
    }
}
