package io.hublink.testkit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that denies events below INFO from {@link SecretSafeLogging#CAPPED_LOGGERS}. Turbo filters
 * run before level checks, so no logger level can re-enable those events.
 */
final class LogbackLevelCap extends TurboFilter {

    private static final String NAME = "hublink-secret-safe-logging";

    static synchronized void installOn(ILoggerFactory factory) {
        LoggerContext context = (LoggerContext) factory;
        boolean present = context.getTurboFilterList().stream().anyMatch(f -> NAME.equals(f.getName()));
        if (!present) {
            LogbackLevelCap cap = new LogbackLevelCap();
            cap.setName(NAME);
            cap.setContext(context);
            cap.start();
            context.addTurboFilter(cap);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String capped : SecretSafeLogging.CAPPED_LOGGERS) {
            if (name.startsWith(capped)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
