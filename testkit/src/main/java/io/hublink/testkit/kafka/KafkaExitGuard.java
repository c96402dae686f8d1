package io.hublink.testkit.kafka;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Kafka's {@link Exit} halt and exit procedures while at least one embedded broker asks for it.
 *
 * <p>A production broker halts the JVM on a fatal fault; inside a test JVM that would kill the test run (and Surefire
 * with it) without a report. Here such a call is logged and turned into an exception, so the test that caused it
 * fails instead. The procedures are JVM-wide, so several brokers share one installation, counted by reference.
 */
final class KafkaExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);

    private static int holders;

    private KafkaExitGuard() {
    }

    static synchronized void acquire() {
        if (holders++ == 0) {
            Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
            Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        }
    }

    static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            Exit.resetHaltProcedure();
            Exit.resetExitProcedure();
        }
    }

    private static void refuse(String what, int status, String message) {
        LOG.error("Embedded Kafka broker asked to {} the JVM with status {}: {}", what, status, message);
        throw new IllegalStateException(
                "embedded Kafka broker asked to " + what + " the JVM with status " + status + " (refused: see the log)");
    }
}
