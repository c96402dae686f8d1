package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BoundedDecoderTest {

    /** Zig-zag varint of 2^30: a claimed length or count of one billion. */
    private static final byte[] ONE_BILLION = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};

    @Test
    void should_refuse_a_string_or_bytes_longer_than_the_input_before_allocating() {
        assertThatThrownBy(() -> bounded(ONE_BILLION).readString())
                .isInstanceOf(IOException.class).hasMessageContaining("does not fit in a body of 5 bytes");
        assertThatThrownBy(() -> bounded(ONE_BILLION).readString(null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bounded(ONE_BILLION).readBytes(null)).isInstanceOf(IOException.class);
    }

    @Test
    void should_refuse_a_collection_with_more_items_than_input_bytes() {
        assertThatThrownBy(() -> bounded(ONE_BILLION).readArrayStart()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bounded(ONE_BILLION).readMapStart()).isInstanceOf(IOException.class);
    }

    @Test
    void should_read_strings_and_bytes_that_fit() throws IOException {
        // given "héllo" (6 UTF-8 bytes) as string, then as bytes
        byte[] input = {12, 'h', (byte) 0xC3, (byte) 0xA9, 'l', 'l', 'o', 4, 1, 2};

        // when
        BoundedDecoder decoder = bounded(input);

        // then
        assertThat(decoder.readString()).isEqualTo("héllo");
        assertThat(decoder.readBytes(null).array()).containsExactly(1, 2);
    }

    private static BoundedDecoder bounded(byte[] input) {
        return new BoundedDecoder(DecoderFactory.get().binaryDecoder(input, null), input.length);
    }
}
