package io.hublink.schemas.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Marker;

/**
 * The one Logback turbo filter behind {@link SecretLogging}. One filter, not one per module: once Logback holds two
 * or more turbo filters it copies its filter list on every level check of every logger, which a profile of the
 * bench's broker-and-simulator process showed among its largest costs. The decision is cached per logger name, since
 * turbo filters run on every level check (Kafka and Jetty ask isDebugEnabled many times per request); logger names
 * are a small set, and Logback keeps every logger anyway.
 */
final class SecretLoggerGuard extends TurboFilter {

    enum Rule { NONE, BELOW_INFO, ALWAYS }

    static final String NAME = "hublink-secret-logger-guard";

    /** Logger name (a prefix: it covers the loggers below it) → rule. */
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    /**
     * Logger name → its rule, worked out once. Replaced (not cleared) when rules are added, after them: a decision
     * worked out before the new rules lands in the old map, never in the one in use.
     */
    private volatile Map<String, Rule> decisions = new ConcurrentHashMap<>();

    static synchronized SecretLoggerGuard installOn(ILoggerFactory factory) {
        LoggerContext context = (LoggerContext) factory;
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof SecretLoggerGuard guard) {
                return guard;
            }
        }
        SecretLoggerGuard guard = new SecretLoggerGuard();
        guard.setName(NAME);
        guard.setContext(context);
        guard.start();
        context.addTurboFilter(guard);
        return guard;
    }

    synchronized void add(Collection<String> loggerNames, Rule rule) {
        for (String name : loggerNames) {
            rules.merge(name, rule, (a, b) -> a.compareTo(b) >= 0 ? a : b); // the stricter rule wins
        }
        decisions = new ConcurrentHashMap<>();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (logger == null) {
            return FilterReply.NEUTRAL;
        }
        Rule rule = decisions.computeIfAbsent(logger.getName(), this::ruleFor);
        boolean denied = rule == Rule.ALWAYS
                || (rule == Rule.BELOW_INFO && level != null && !level.isGreaterOrEqual(Level.INFO));
        return denied ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** The strictest rule of the logger's own name and of the names above it. */
    private Rule ruleFor(String loggerName) {
        Rule strictest = Rule.NONE;
        for (Map.Entry<String, Rule> entry : rules.entrySet()) {
            String name = entry.getKey();
            boolean covers = loggerName.equals(name)
                    || (loggerName.startsWith(name) && loggerName.charAt(name.length()) == '.');
            if (covers && entry.getValue().compareTo(strictest) > 0) {
                strictest = entry.getValue();
            }
        }
        return strictest;
    }
}
