package io.hublink.schemas;

import static io.hublink.schemas.TestEvents.anAccountLinked;
import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.AccountLinked;
import io.hublink.events.Role;
import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OlderSchemaWriterTest {

    /** An imagined older AccountLinked: fields in another order, a field since removed, an enum with fewer symbols. */
    private static final Schema OLDER = new Schema.Parser().parse("""
            {"type": "record", "name": "AccountLinked", "namespace": "io.hublink.events", "fields": [
              {"name": "accountId", "type": "string"},
              {"name": "legacyNote", "type": "string", "default": "none"},
              {"name": "role", "type": {"type": "enum", "name": "Role", "symbols": ["OWNER", "UNKNOWN"],
                                        "default": "UNKNOWN"}},
              {"name": "requestId", "type": "string"},
              {"name": "validatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    @Test
    void should_write_fields_by_name_defaults_for_removed_fields_and_the_default_for_unknown_symbols()
            throws Exception {
        // given a current record with a role the older enum lacks
        AccountLinked current = anAccountLinked().setRole(Role.ADMIN).build();

        // when written in the older shape
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new OlderSchemaWriter(OLDER, AccountLinked.class).write(current, encoder);
        encoder.flush();

        // then a reader of the older version reads what it expects
        GenericRecord read = new GenericDatumReader<GenericRecord>(OLDER)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read.get("accountId")).hasToString(current.getAccountId());
        assertThat(read.get("requestId")).hasToString(current.getRequestId());
        assertThat(read.get("legacyNote")).hasToString("none");
        assertThat(read.get("role")).hasToString("UNKNOWN");
        assertThat(read.get("validatedAt")).isEqualTo(current.getValidatedAt().toEpochMilli());
    }
}
