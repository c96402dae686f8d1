package io.hublink.pipeline;

/** Kafka could not be reached or refused what hublink needs at start-up; the message is one line for the operator. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
