package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http2.H2ConnectionException;
import org.apache.hc.core5.http2.H2Error;
import org.junit.jupiter.api.Test;

class CleartextHttp2Test {

    @Test
    void should_fall_back_when_the_first_connection_closes_before_the_request_ran() {
        CleartextHttp2 choice = CleartextHttp2.withFallback();

        assertThat(choice.refusedBy(new CompletionException(new RequestNotExecutedException()))).isTrue();

        assertThat(choice.useHttp2()).isFalse();
        assertThat(choice.state()).isEqualTo(CleartextHttp2.State.REFUSED);
    }

    @Test
    void should_take_every_protocol_level_refusal_as_no_h2c_here() {
        for (Exception refusal : new Exception[] {new ConnectionClosedException(), new ProtocolException("bad frame"),
                new H2ConnectionException(H2Error.PROTOCOL_ERROR, "not h2")}) {
            assertThat(CleartextHttp2.withFallback().refusedBy(refusal)).as(refusal.getClass().getSimpleName())
                    .isTrue();
        }
    }

    @Test
    void should_not_fall_back_when_the_server_is_simply_unreachable() {
        CleartextHttp2 choice = CleartextHttp2.withFallback();

        assertThat(choice.refusedBy(new ConnectException("Connection refused"))).isFalse();

        assertThat(choice.useHttp2()).isTrue();
        assertThat(choice.state()).isEqualTo(CleartextHttp2.State.TRYING);
    }

    @Test
    void should_keep_http2_once_it_has_answered_even_if_a_connection_closes_later() {
        CleartextHttp2 choice = CleartextHttp2.withFallback();
        choice.answered();

        assertThat(choice.refusedBy(new RequestNotExecutedException())).isFalse();

        assertThat(choice.state()).isEqualTo(CleartextHttp2.State.SPOKEN);
    }

    @Test
    void should_never_fall_back_when_http2_is_forced() {
        CleartextHttp2 choice = CleartextHttp2.only();

        assertThat(choice.refusedBy(new RequestNotExecutedException())).isFalse();

        assertThat(choice.useHttp2()).isTrue();
    }
}
