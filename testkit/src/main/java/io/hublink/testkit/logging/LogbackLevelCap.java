package io.hublink.testkit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Marker;

/**
 * A Logback turbo filter that denies events below INFO from {@link SecretSafeLogging#CAPPED_LOGGERS}. Turbo filters
 * run before level checks, so no logger level can re-enable those events.
 */
final class LogbackLevelCap extends TurboFilter {

    private static final String NAME = "hublink-secret-safe-logging";

    /**
     * Logger name → capped. Turbo filters run on every level check of every logger (Jetty asks isDebugEnabled
     * several times per request), so the prefix scan is done once per logger; logger names are a small fixed set.
     */
    private final Map<String, Boolean> capped = new ConcurrentHashMap<>();

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
        return capped.computeIfAbsent(logger.getName(), LogbackLevelCap::isCapped) ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    private static boolean isCapped(String loggerName) {
        for (String capped : SecretSafeLogging.CAPPED_LOGGERS) {
            if (loggerName.startsWith(capped)) {
                return true;
            }
        }
        return false;
    }
}
