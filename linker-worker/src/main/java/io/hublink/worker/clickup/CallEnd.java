package io.hublink.worker.clickup;

import io.hublink.events.FailureReason;
import io.hublink.worker.decision.ClickUpAnswer;

/** How one endpoint's calls for one validation ended. */
interface CallEnd<A extends ClickUpAnswer> {

    /** ClickUp said something about the credentials (never trouble, never a 429). */
    final class Answered<A extends ClickUpAnswer> implements CallEnd<A> {
        final A answer;

        Answered(A answer) {
            this.answer = answer;
        }
    }

    /** No verdict by the deadline: PROVIDER_UNAVAILABLE or PROVIDER_RATE_LIMITED, after the last trouble. */
    final class GaveUp<A extends ClickUpAnswer> implements CallEnd<A> {
        final FailureReason reason;

        GaveUp(FailureReason reason) {
            this.reason = reason;
        }
    }

    /** Stopped because the verdict no longer needs it. */
    final class Stopped<A extends ClickUpAnswer> implements CallEnd<A> {
    }

    /** Something that is not ClickUp's fault went wrong (a bug); logged by class name where it happened. */
    final class Broken<A extends ClickUpAnswer> implements CallEnd<A> {
    }
}
