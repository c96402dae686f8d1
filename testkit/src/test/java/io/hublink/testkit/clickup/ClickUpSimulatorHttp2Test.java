package io.hublink.testkit.clickup;

import static io.hublink.testkit.clickup.TestAccounts.JANE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClickUpSimulatorHttp2Test {

    private static final int FRAME_HEADERS = 0x1;
    private static final int FRAME_SETTINGS = 0x4;
    private static final int FLAG_END_HEADERS = 0x4;
    private static final int FLAG_END_STREAM = 0x1;

    private ClickUpSimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClickUpSimulator.start(TestAccounts.aScenario(), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void should_upgrade_a_cleartext_connection_to_http2_on_request() {
        // given a client that asks for HTTP/2 on http:// (it sends Upgrade: h2c)
        SimulatorClient client = SimulatorClient.http2(simulator);

        // when
        HttpResponse<String> first = client.get("/api/v2/team", JANE_TOKEN);
        HttpResponse<String> second = client.get("/api/v2/user", JANE_TOKEN);

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.body()).contains("\"username\":\"Jane Example\"");
    }

    @Test
    void should_speak_http2_to_a_client_with_prior_knowledge() throws IOException {
        // given
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            // when: the connection preface, empty SETTINGS, then GET /api/v2/user on stream 1
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            writeFrame(out, FRAME_SETTINGS, 0, 0, new byte[0]);
            writeFrame(out, FRAME_HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, 1, userRequestHeaderBlock());
            out.flush();

            // then: the server's SETTINGS first, then a HEADERS frame on stream 1 saying :status 200
            int[] first = readFrameHeader(in);
            assertThat(first[0]).as("first frame type").isEqualTo(FRAME_SETTINGS);
            in.skipNBytes(first[2]);
            while (true) {
                int[] frame = readFrameHeader(in);
                byte[] payload = in.readNBytes(frame[2]);
                if (frame[0] == FRAME_HEADERS && frame[1] == 1) {
                    // HPACK static table index 8 is ":status: 200", sent as the single byte 0x88.
                    assertThat(payload[firstFieldIn(payload)] & 0xFF).as("first header of the answer")
                            .isEqualTo(0x88);
                    return;
                }
            }
        }
    }

    /** Skips the dynamic table size updates (001xxxxx, 5-bit prefix integer) an HPACK encoder may start with. */
    private static int firstFieldIn(byte[] block) {
        int i = 0;
        while ((block[i] & 0xE0) == 0x20) {
            boolean more = (block[i] & 0x1F) == 0x1F;
            i++;
            while (more) {
                more = (block[i] & 0x80) != 0;
                i++;
            }
        }
        return i;
    }

    /** HPACK without Huffman coding or the dynamic table: indexed names from the static table, literal values. */
    private static byte[] userRequestHeaderBlock() {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        literal(block, 0x04, "/api/v2/user"); // :path (static index 4)
        literal(block, 0x01, "127.0.0.1"); // :authority (static index 1)
        block.write(0x0F); // authorization (static index 23 = 15 + 8) as a literal without indexing
        block.write(0x08);
        writeString(block, JANE_TOKEN);
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex); // literal header field without indexing, indexed name (index < 15)
        writeString(block, value);
    }

    private static void writeString(ByteArrayOutputStream block, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
            throw new IllegalArgumentException("test helper handles short strings only");
        }
        block.write(bytes.length);
        block.writeBytes(bytes);
    }

    private static void writeFrame(OutputStream out, int type, int flags, int streamId, byte[] payload)
            throws IOException {
        out.write(new byte[] {
            (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags,
            (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8), (byte) streamId});
        out.write(payload);
    }

    /** {type, stream id, payload length}. */
    private static int[] readFrameHeader(DataInputStream in) throws IOException {
        byte[] header = in.readNBytes(9);
        assertThat(header).as("a complete frame header").hasSize(9);
        int length = ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
        int streamId = ((header[5] & 0x7F) << 24) | ((header[6] & 0xFF) << 16) | ((header[7] & 0xFF) << 8)
                | (header[8] & 0xFF);
        return new int[] {header[3] & 0xFF, streamId, length};
    }
}
