package io.hublink.testkit.clickup;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One HTTP/1.1 connection driven by hand, to see exactly when the server answers, closes or resets it. */
final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;

    private RawHttpConnection(Socket socket) {
        this.socket = socket;
    }

    static RawHttpConnection open(ClickUpSimulator simulator) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 5_000);
        return new RawHttpConnection(socket);
    }

    void sendGet(String path, String token) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + token + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** True when no byte (and no end of stream) arrives within {@code wait}. */
    boolean nothingArrivesWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True when the server ends the connection (end of stream or reset) within {@code wait} without sending a byte. */
    boolean closesWithoutAnswer(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when reading fails with a connection reset (a TCP RST) within {@code wait}. */
    boolean isReset(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            socket.getInputStream().read();
            return false;
        } catch (java.net.SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
