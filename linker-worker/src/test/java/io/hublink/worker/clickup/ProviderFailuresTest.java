package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProviderFailuresTest {

    @Test
    void should_count_no_answer_and_troubled_answers_as_provider_failures_through_any_wrapper() {
        assertThat(ProviderFailures.isProviderFailure(
                new ClickUpTransportException(ClickUpTransportException.Kind.TIMEOUT, "X"))).isTrue();
        assertThat(ProviderFailures.isProviderFailure(new ProviderTroubleException("server error 503"))).isTrue();
        assertThat(ProviderFailures.isProviderFailure(new SocketTimeoutException())).isTrue();
        assertThat(ProviderFailures.isProviderFailure(
                new CompletionException(new ExecutionException(new IOException("reset"))))).isTrue();
        assertThat(ProviderFailures.isProviderFailure(new RuntimeException(new java.util.concurrent.TimeoutException())))
                .isTrue();
    }

    @Test
    void should_not_blame_clickup_for_our_own_faults() {
        assertThat(ProviderFailures.isProviderFailure(new IllegalStateException("token already wiped"))).isFalse();
        assertThat(ProviderFailures.isProviderFailure(new CompletionException(new NullPointerException()))).isFalse();
    }

    @Test
    void should_keep_only_a_fixed_message_and_the_cause_class_name() {
        // when
        ClickUpTransportException e = HttpClickUpTransport.classify(new CompletionException(
                new java.net.ConnectException("Connection refused: Authorization: pk_123")));

        // then
        assertThat(e.kind()).isEqualTo(ClickUpTransportException.Kind.CONNECT);
        assertThat(e.getMessage()).isEqualTo("could not connect to ClickUp (ConnectException)");
        assertThat(e.getCause()).isNull();
        assertThat(HttpClickUpTransport.classify(new SocketTimeoutException("x")).kind())
                .isEqualTo(ClickUpTransportException.Kind.TIMEOUT);
        assertThat(HttpClickUpTransport.classify(new IOException("x")).kind())
                .isEqualTo(ClickUpTransportException.Kind.IO);
        assertThat(HttpClickUpTransport.classify(new java.util.concurrent.CancellationException()).kind())
                .isEqualTo(ClickUpTransportException.Kind.CANCELLED);
    }
}
