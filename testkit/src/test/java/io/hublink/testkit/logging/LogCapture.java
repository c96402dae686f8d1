package io.hublink.testkit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything a run prints, at the most verbose level: every logger is set to TRACE (levels configured for tests are
 * lifted), each event is kept in memory as its formatted text with its stack trace (instead of going to the console
 * appenders), and standard output and error are copied.
 * {@link #close()} restores the levels and streams.
 */
public final class LogCapture implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<Logger, Level> savedLevels = new HashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Appender<ILoggingEvent>> savedAppenders = new ArrayList<>();
    private Level savedRootLevel;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String text = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            events.add(text);
        }
    };

    private LogCapture() {
    }

    public static LogCapture atTrace() {
        LogCapture capture = new LogCapture();
        capture.start();
        return capture;
    }

    private void start() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger logger : context.getLoggerList()) {
            if (logger != root && logger.getLevel() != null) {
                savedLevels.put(logger, logger.getLevel());
                logger.setLevel(null);
            }
        }
        savedRootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        // The console appenders would print the whole trace; the capture keeps it in memory instead.
        root.iteratorForAppenders().forEachRemaining(savedAppenders::add);
        savedAppenders.forEach(root::detachAppender);
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        root.addAppender(appender);
        System.setOut(new PrintStream(tee(savedOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(savedErr), true, StandardCharsets.UTF_8));
    }

    /** Every event so far, formatted. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Whatever was written to standard output and error directly. */
    public synchronized String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** True when any event or console output contains {@code text}. */
    public boolean anywhereContains(String text) {
        return events.stream().anyMatch(e -> e.contains(text)) || console().contains(text);
    }

    @Override
    public void close() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        for (Logger logger : context.getLoggerList()) {
            if (logger != root) {
                logger.setLevel(null);
            }
        }
        savedLevels.forEach(Logger::setLevel);
        root.setLevel(savedRootLevel);
        savedAppenders.forEach(root::addAppender);
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (LogCapture.this) {
                    console.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (LogCapture.this) {
                    console.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
    }
}
