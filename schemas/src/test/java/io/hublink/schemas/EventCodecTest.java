package io.hublink.schemas;

import static io.hublink.schemas.TestEvents.aLinkFailed;
import static io.hublink.schemas.TestEvents.aLinkRequested;
import static io.hublink.schemas.TestEvents.anAccountLinked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkRequested;
import io.hublink.events.Workspace;
import io.hublink.schemas.UndecodableEventException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventCodecTest {

    private final EventCodec codec = EventCodec.ofDefaults();
    private final SchemaCatalog catalog = SchemaCatalog.ofReleased();

    @Test
    void should_round_trip_every_event_type() throws Exception {
        for (SpecificRecord event : TestEvents.oneOfEach()) {
            // when
            byte[] encoded = codec.encode(event);
            SpecificRecord decoded = codec.decode(encoded);

            // then
            assertThat(decoded).as(event.getSchema().getName()).isEqualTo(event);
            assertThat(codec.decode(encoded, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void should_start_with_the_marker_and_the_little_endian_fingerprint_of_the_newest_version() {
        // given
        ReleasedSchema newest = catalog.newest("LinkRequested");

        // when
        byte[] encoded = codec.encode(aLinkRequested().build());

        // then
        assertThat(Arrays.copyOfRange(encoded, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(encoded, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(newest.fingerprint());
        assertThat(codec.writerSchema("LinkRequested")).isEqualTo(newest);
    }

    @Test
    void should_decode_a_link_requested_written_with_v1_to_the_current_class_without_deadline() throws Exception {
        // given a v1 record written by Avro's generic writer, as an old producer in any language would
        ReleasedSchema v1 = catalog.version("LinkRequested", 1);
        byte[] encoded = singleObject(v1, genericV1Request(v1.schema()));

        // when
        LinkRequested decoded = codec.decode(encoded, LinkRequested.class);

        // then
        assertThat(decoded.getDeadline()).isNull();
        assertThat(decoded.getRequestId()).isEqualTo("r-v1");
        assertThat(decoded.getRequestedAt()).isEqualTo(TestEvents.AT);
        assertThat(decoded.getPurpose()).hasToString("REVALIDATE");
        assertThat(decoded.getToken()).isEqualTo(ByteBuffer.wrap(new byte[] {5, 6}));
    }

    @Test
    void should_write_the_pinned_older_version_byte_for_byte_as_avro_would() throws Exception {
        // given a codec pinned to LinkRequested v1
        EventCodec pinned = EventCodec.writingVersions(Map.of("LinkRequested", 1));
        ReleasedSchema v1 = catalog.version("LinkRequested", 1);
        LinkRequested request = aLinkRequested().setRequestId("r-v1").setWorkspaceId("9012345678")
                .setToken(ByteBuffer.wrap(new byte[] {5, 6})).build();

        // when
        byte[] encoded = pinned.encode(request);

        // then it is the v1 encoding, which drops the deadline
        assertThat(encoded).containsExactly(singleObject(v1, genericV1Request(v1.schema())));
        assertThat(pinned.writerSchema("LinkRequested")).isEqualTo(v1);
        LinkRequested decoded = codec.decode(encoded, LinkRequested.class);
        assertThat(decoded.getDeadline()).isNull();
        assertThat(decoded).isEqualTo(LinkRequested.newBuilder(request).setDeadline(null).build());
    }

    @Test
    void should_keep_writing_the_newest_version_of_schemas_that_are_not_pinned() throws Exception {
        // given
        EventCodec pinned = EventCodec.writingVersions(Map.of("LinkRequested", 1));
        AccountLinked event = anAccountLinked().build();

        // when
        byte[] encoded = pinned.encode(event);

        // then
        assertThat(encoded).containsExactly(codec.encode(event));
        assertThat(pinned.writerSchema("AccountLinked")).isEqualTo(catalog.newest("AccountLinked"));
    }

    @Test
    void should_reject_pinning_an_unknown_schema_or_version_naming_it() {
        assertThatThrownBy(() -> EventCodec.writingVersions(Map.of("LinkRequestd", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequestd");
        assertThatThrownBy(() -> EventCodec.writingVersions(Map.of("LinkRequested", 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequested has no released version 7");
    }

    @Test
    void should_report_an_unknown_fingerprint_with_its_hex() {
        // given a value written under a schema this reader has never seen
        byte[] encoded = codec.encode(aLinkFailed().build());
        encoded[2] ^= 0x55;
        long unknown = ByteBuffer.wrap(encoded, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();

        // when
        UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                () -> codec.decode(encoded));

        // then
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_FINGERPRINT);
        assertThat(e.fingerprintHex()).contains(String.format("%016x", unknown));
        assertThat(e).hasMessageContaining(String.format("%016x", unknown));
    }

    @Test
    void should_report_an_event_of_another_schema_than_expected_as_an_unknown_fingerprint() {
        // given
        byte[] encoded = codec.encode(aLinkFailed().build());

        // when
        UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                () -> codec.decode(encoded, LinkRequested.class));

        // then
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_FINGERPRINT);
        assertThat(e).hasMessageContaining("LinkFailed v1").hasMessageContaining("not a LinkRequested");
    }

    @Test
    void should_report_values_without_the_header_as_not_avro() {
        for (byte[] garbage : new byte[][] {null, {}, {(byte) 0xC3, 0x01, 1, 2}, "{\"requestId\":\"r-1\"}"
                .getBytes(StandardCharsets.UTF_8), new byte[64]}) {
            // when
            UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                    () -> codec.decode(garbage));

            // then
            assertThat(e.kind()).isEqualTo(Kind.NOT_AVRO);
            assertThat(e.fingerprintHex()).isEmpty();
        }
    }

    @Test
    void should_report_a_truncated_body_as_corrupt() {
        // given
        byte[] encoded = codec.encode(anAccountLinked().build());

        for (int length = SingleObjectHeader.LENGTH; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);

            // when
            UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                    () -> codec.decode(truncated));

            // then
            assertThat(e).as("cut to %d of %d bytes", length, encoded.length).isNotNull();
            assertThat(e.kind()).isEqualTo(Kind.CORRUPT_BODY);
            assertThat(e.fingerprintHex()).contains(catalog.newest("AccountLinked").fingerprintHex());
        }
    }

    @Test
    void should_report_trailing_bytes_as_corrupt() {
        // given
        byte[] encoded = codec.encode(aLinkRequested().build());
        byte[] withTrailer = Arrays.copyOf(encoded, encoded.length + 3);

        // when
        UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                () -> codec.decode(withTrailer));

        // then
        assertThat(e.kind()).isEqualTo(Kind.CORRUPT_BODY);
        assertThat(e).hasMessageContaining("LinkRequested v2").hasMessageContaining("bytes follow");
    }

    @Test
    void should_report_a_body_claiming_a_huge_string_as_corrupt_without_allocating_it() {
        // given a body whose first string claims 1 GiB (zig-zag varint of 2^30)
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(SingleObjectHeader.of(catalog.newest("LinkRequested").fingerprint()));
        body.writeBytes(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
        body.writeBytes("abc".getBytes(StandardCharsets.UTF_8));

        // when
        UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                () -> codec.decode(body.toByteArray()));

        // then
        assertThat(e.kind()).isEqualTo(Kind.CORRUPT_BODY);
    }

    @Test
    void should_report_a_body_claiming_a_huge_array_as_corrupt() {
        // given an AccountLinked whose workspace list claims 2^30 items
        AccountLinked event = anAccountLinked().setAuthorizedWorkspaces(java.util.List.of(new Workspace("1", "a")))
                .build();
        byte[] encoded = codec.encode(event);
        // the array count (zig-zag 1 = 0x02) directly precedes the first item's id ("1": 0x02 0x31)
        int at = indexOf(encoded, new byte[] {0x02, 0x02, 0x31, 0x02, 0x61, 0x00});
        assertThat(at).isPositive();
        ByteArrayOutputStream tampered = new ByteArrayOutputStream();
        tampered.write(encoded, 0, at);
        tampered.writeBytes(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
        tampered.write(encoded, at + 1, encoded.length - at - 1);

        // when
        UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                () -> codec.decode(tampered.toByteArray()));

        // then
        assertThat(e.kind()).isEqualTo(Kind.CORRUPT_BODY);
    }

    @Test
    void should_never_quote_the_payload_in_a_decoding_error() {
        // given a request whose fields hold a recognisable secret-looking text, cut short
        String marker = "pk_12345678_SECRETSECRETSECRET";
        byte[] encoded = codec.encode(aLinkRequested().setWorkspaceId(marker).build());
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 4);
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);

        for (byte[] bad : new byte[][] {truncated, trailing}) {
            // when
            UndecodableEventException e = catchThrowableOfType(UndecodableEventException.class,
                    () -> codec.decode(bad));

            // then
            assertThat(e.getMessage()).doesNotContain(marker).doesNotContain("SECRET")
                    .doesNotContain(HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8)));
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void should_never_throw_anything_but_undecodable_on_mutated_values() {
        // given valid encodings of every type, mutated at random (seed printed on failure)
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        for (SpecificRecord event : TestEvents.oneOfEach()) {
            byte[] encoded = codec.encode(event);
            for (int round = 0; round < 2_000; round++) {
                byte[] mutated = encoded.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = SingleObjectHeader.LENGTH + random.nextInt(mutated.length - SingleObjectHeader.LENGTH);
                    mutated[at] = (byte) random.nextInt(256);
                }

                // when / then: either it decodes or it is reported as undecodable
                try {
                    codec.decode(mutated);
                } catch (UndecodableEventException e) {
                    assertThat(e.kind()).as("seed %d", seed).isEqualTo(Kind.CORRUPT_BODY);
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": " + e, e);
                }
            }
        }
    }

    @Test
    void should_reject_encoding_a_record_that_is_not_a_released_event() {
        assertThatThrownBy(() -> codec.encode(new Workspace("1", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.hublink.events.Workspace is not a released event schema");
    }

    @Test
    void should_name_the_field_when_a_required_field_is_null() {
        // given a record built without the builder's checks
        LinkRequested incomplete = aLinkRequested().build();
        incomplete.setTenantId(null);

        // then, for the newest version and for a pinned older one
        assertThatThrownBy(() -> codec.encode(incomplete))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequested v2")
                .hasMessageContaining("tenantId");
        assertThatThrownBy(() -> EventCodec.writingVersions(Map.of("LinkRequested", 1)).encode(incomplete))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequested v1")
                .hasMessageContaining("tenantId");
    }

    @Test
    void should_encode_and_decode_from_many_threads_at_once() throws Exception {
        // given
        EventCodec shared = EventCodec.writingVersions(Map.of("LinkRequested", 1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    // records (and their ByteBuffers) are not thread-safe: each thread has its own
                    var events = TestEvents.oneOfEach();
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        SpecificRecord event = events.get((i + thread) % events.size());
                        if (event instanceof LinkRequested) {
                            event = LinkRequested.newBuilder((LinkRequested) event).setDeadline(null)
                                    .setRequestId("r-" + thread + "-" + i).build();
                        }
                        // when
                        SpecificRecord decoded = shared.decode(shared.encode(event));
                        // then
                        assertThat(decoded).isEqualTo(event);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static GenericRecord genericV1Request(Schema v1) {
        GenericRecord record = new GenericData.Record(v1);
        record.put("requestId", "r-v1");
        record.put("tenantId", "t-1");
        record.put("accountId", "acc-1");
        record.put("provider", "clickup");
        record.put("workspaceId", "9012345678");
        record.put("token", ByteBuffer.wrap(new byte[] {5, 6}));
        record.put("purpose", new GenericData.EnumSymbol(v1.getField("purpose").schema(), "REVALIDATE"));
        record.put("requestedAt", TestEvents.AT.toEpochMilli());
        return record;
    }

    /** Single-object encoding built from the spec with Avro's generic writer, independent of EventCodec. */
    private static byte[] singleObject(ReleasedSchema writer, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xC3, 0x01});
        out.write(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(org.apache.avro.SchemaNormalization.parsingFingerprint64(writer.schema())).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer.schema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
