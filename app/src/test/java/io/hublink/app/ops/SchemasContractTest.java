package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.HublinkCommand;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.Purpose;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.ReleasedSchema;
import io.hublink.schemas.SchemaCatalog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract for consumers in other languages, as the README tells a dashboard team: {@code ./hublink schemas}
 * prints every released version with a fingerprint anyone can recompute, and an outcome record decodes with plain
 * Avro from those schemas alone (marker C3 01, 8-byte little-endian fingerprint, binary body).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SchemasContractTest {

    private static final Pattern HEADER = Pattern.compile("(?m)^schema (\\w+) v(\\d+) fingerprint=([0-9a-f]{16})$");

    @Test
    void should_print_every_released_version_with_a_fingerprint_a_consumer_can_recompute() {
        Map<Long, Schema> printed = printedSchemas();

        assertThat(printed).hasSize(SchemaCatalog.ofReleased().all().size());
        for (ReleasedSchema released : SchemaCatalog.ofReleased().all()) {
            Schema schema = printed.get(released.fingerprint());
            assertThat(schema).as(released.toString()).isNotNull();
            assertThat(schema.getName()).isEqualTo(released.name());
        }
        printed.forEach((fingerprint, schema) ->
                assertThat(SchemaNormalization.parsingFingerprint64(schema)).isEqualTo(fingerprint));
    }

    @Test
    void should_let_a_foreign_reader_decode_an_outcome_with_plain_avro() throws Exception {
        Map<Long, Schema> printed = printedSchemas();
        byte[] value = EventCodec.ofDefaults().encode(LinkFailed.newBuilder()
                .setEventId("e-1").setRequestId("r-1").setTenantId("t-1").setAccountId("acc-1")
                .setWorkspaceId("9012345678").setReason(FailureReason.TOKEN_INVALID).setRetryable(false)
                .setProviderCode("OAUTH_025").setUserMessage("Regenerate the token").setAuthorizedWorkspaces(null)
                .setPurpose(Purpose.LINK).setFailedAt(Instant.parse("2026-12-03T10:15:30.123Z")).build());

        // the README's recipe
        assertThat(value[0] & 0xff).isEqualTo(0xC3);
        assertThat(value[1] & 0xff).isEqualTo(0x01);
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (value[2 + i] & 0xffL) << (8 * i); // little-endian
        }
        Schema writer = printed.get(fingerprint);
        GenericRecord outcome = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(value, 10, value.length), null));

        assertThat(writer.getName()).isEqualTo("LinkFailed");
        assertThat(outcome.get("reason").toString()).isEqualTo("TOKEN_INVALID");
        assertThat(outcome.get("accountId").toString()).isEqualTo("acc-1");
        assertThat(outcome.get("failedAt")).isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z").toEpochMilli());
    }

    @Test
    void should_ship_the_avsc_files_in_the_schemas_jar() throws Exception {
        for (String name : new String[] {"avro/AccountLinked.avsc", "avro/LinkFailed.avsc",
                "avro/LinkNotification.avsc", "avro/common/FailureReason.avsc",
                "io/hublink/schemas/released/LinkFailed/v1.avsc"}) {
            try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
                assertThat(in).as(name).isNotNull();
            }
        }
    }

    private static Map<Long, Schema> printedSchemas() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(HublinkCommand.commandLine().execute("schemas")).isZero();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        java.util.List<long[]> headers = new java.util.ArrayList<>(); // {fingerprint, start of header, end of header}
        Matcher m = HEADER.matcher(out);
        while (m.find()) {
            headers.add(new long[] {Long.parseUnsignedLong(m.group(3), 16), m.start(), m.end()});
        }
        Map<Long, Schema> schemas = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            int bodyStart = (int) headers.get(i)[2];
            int bodyEnd = i + 1 < headers.size() ? (int) headers.get(i + 1)[1] : out.length();
            schemas.put(headers.get(i)[0], new Schema.Parser().parse(out.substring(bodyStart, bodyEnd)));
        }
        assertThat(schemas).hasSize(headers.size());
        return schemas;
    }
}
