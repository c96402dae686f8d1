package io.hublink.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses any string, bytes or collection longer than the whole input, before allocating
 * for it. Avro's own decoder allocates whatever length the data claims (up to 2 GiB) and only then finds the bytes
 * missing, so a few garbage bytes could exhaust the heap of a consumer; here they are a corrupt body.
 *
 * <p>The bound on item counts assumes every array item and map entry takes at least one byte, which holds for all
 * released schemas (arrays of records with string fields); {@code ReleasedSchemaRulesTest} keeps it so.
 */
final class BoundedDecoder extends Decoder {

    private final Decoder in;
    private final long limit;

    BoundedDecoder(Decoder in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public String readString() throws IOException {
        int length = checkedLength(in.readLong());
        byte[] utf8 = new byte[length];
        in.readFixed(utf8, 0, length);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength(in.readLong());
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength(in.readLong());
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        in.readFixed(result.array(), result.arrayOffset() + result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkedCount(in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return checkedCount(in.arrayNext());
    }

    @Override
    public long skipArray() throws IOException {
        return checkedCount(in.skipArray());
    }

    @Override
    public long readMapStart() throws IOException {
        return checkedCount(in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return checkedCount(in.mapNext());
    }

    @Override
    public long skipMap() throws IOException {
        return checkedCount(in.skipMap());
    }

    private int checkedLength(long length) throws IOException {
        if (length < 0 || length > limit) {
            throw new IOException("a length of " + length + " does not fit in a body of " + limit + " bytes");
        }
        return (int) length;
    }

    private long checkedCount(long count) throws IOException {
        if (count < 0 || count > limit) {
            throw new IOException("a count of " + count + " does not fit in a body of " + limit + " bytes");
        }
        return count;
    }

    // Everything below cannot allocate more than a few bytes: plain delegation.

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
