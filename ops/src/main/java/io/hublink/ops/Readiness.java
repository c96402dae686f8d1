package io.hublink.ops;

/**
 * Whether a role can do its work now: {@code /health/ready} answers 200 when it can and 503 (with the reason) when it
 * cannot. Called on an ops-server thread: must be cheap and must not block.
 */
@FunctionalInterface
public interface Readiness {

    Readiness ALWAYS = () -> Status.ready("ready");

    Status check();

    /** All of them ready, or the first that is not. */
    static Readiness allOf(Readiness... checks) {
        return () -> {
            for (Readiness check : checks) {
                Status status = check.check();
                if (!status.ready()) {
                    return status;
                }
            }
            return Status.ready("ready");
        };
    }

    /** @param detail one line for a person, e.g. "not ready: the consumer has not joined its group yet" */
    record Status(boolean ready, String detail) {

        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
