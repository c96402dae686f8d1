package io.hublink.testkit.clickup;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Ends a call by breaking its connection instead of answering. Over HTTP/2 the connection carries other streams;
 * they break too, as they would when a real network path fails.
 */
final class Connections {

    /**
     * Why a call got no answer; completes Jetty's callback so the request's resources are released. Quiet: Jetty logs
     * it at debug level only, as the expected outcome it is.
     */
    static final class Broken extends IOException implements QuietException {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message);
        }

        /** Expected, not a bug: no stack trace to fill. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private Connections() {
    }

    /** Resets the connection at once: SO_LINGER 0 makes close send a TCP RST, so the client sees a reset. */
    static void reset(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint) {
            try {
                ((NetworkChannel) ((SocketChannelEndPoint) endPoint).getChannel())
                        .setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException e) {
                // Then a plain close (FIN): still a connection error for the client.
            }
        }
        endPoint.close();
        callback.failed(new Broken("connection dropped by a simulated fault"));
    }

    /** Closes the connection without an answer (the end of a hang). */
    static void close(Request request, Callback callback) {
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new Broken("connection closed at the end of a simulated hang"));
    }
}
