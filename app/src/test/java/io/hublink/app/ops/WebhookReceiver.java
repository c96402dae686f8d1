package io.hublink.app.ops;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A webhook receiver on loopback that records what arrives and answers 200; verifies as the README shows. */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Server server = new Server();
    private final List<Delivery> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new HashMap<>();
                for (HttpField field : request.getHeaders()) {
                    headers.put(field.getLowerCaseName(), field.getValue());
                }
                received.add(new Delivery(headers, body));
                response.setStatus(200);
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/hublink";
    }

    List<Delivery> received() {
        return List.copyOf(received);
    }

    /** The README's verification: HMAC-SHA256 of timestamp + "." + raw body, against each v1 entry. */
    static boolean verifies(String secret, Delivery delivery) throws Exception {
        String timestamp = delivery.header("Hublink-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(delivery.body())).getBytes(StandardCharsets.US_ASCII);
        for (String entry : delivery.header("Hublink-Signature").split(",")) {
            if (entry.startsWith("v1=") && MessageDigest.isEqual(expected,
                    entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
