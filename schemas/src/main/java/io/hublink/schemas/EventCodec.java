package io.hublink.schemas;

import io.hublink.schemas.UndecodableEventException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Event values in Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint
 * (little-endian), then the Avro binary body.
 *
 * <p>Decoding accepts every released version of every schema ({@link SchemaCatalog}) and resolves it to the current
 * generated class, so consumers can be upgraded before producers. Encoding writes the newest released version unless
 * the codec is pinned to an older one ({@link #writingVersions}).
 *
 * <p>Thread-safe: readers and writers are built once per schema version and shared (Avro's datum readers and writers
 * keep no per-call state); the byte buffer, encoder and decoder are reused per thread.
 */
public final class EventCodec {

    /** A thread whose buffer grew past this (one huge record) gives it back rather than keep it forever. */
    private static final int RETAINED_BUFFER_LIMIT = 64 * 1024;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final Map<Class<?>, Writer> writers;
    private final Map<String, ReleasedSchema> writtenVersions;
    private final Map<Long, Reader> readers;

    private EventCodec(Map<String, Integer> pinnedVersions) {
        SchemaCatalog catalog = SchemaCatalog.ofReleased();
        Map<Class<?>, Writer> writersByClass = new HashMap<>();
        Map<String, ReleasedSchema> versions = new HashMap<>();
        for (String name : catalog.names()) {
            Integer pinned = pinnedVersions.get(name);
            ReleasedSchema release = pinned == null ? catalog.newest(name) : catalog.version(name, pinned);
            writersByClass.put(currentClassOf(release), Writer.of(release));
            versions.put(name, release);
        }
        Map<Long, Reader> readersByFingerprint = new HashMap<>();
        for (ReleasedSchema release : catalog.all()) {
            readersByFingerprint.put(release.fingerprint(), Reader.of(release));
        }
        this.writers = Map.copyOf(writersByClass);
        this.writtenVersions = Map.copyOf(versions);
        this.readers = Map.copyOf(readersByFingerprint);
    }

    /** Writes the newest released version of every schema. */
    public static EventCodec ofDefaults() {
        return new EventCodec(Map.of());
    }

    /**
     * Writes the given released version for each named schema (e.g. {@code LinkRequested → 1}) and the newest for the
     * others. An unknown schema name or version is an {@link IllegalArgumentException} naming it.
     */
    public static EventCodec writingVersions(Map<String, Integer> versionsByName) {
        SchemaCatalog catalog = SchemaCatalog.ofReleased();
        versionsByName.forEach((name, version) -> catalog.version(name, Objects.requireNonNull(version, name)));
        return new EventCodec(Map.copyOf(versionsByName));
    }

    /** The released version this codec writes for a schema name; an unknown name is an IllegalArgumentException. */
    public ReleasedSchema writerSchema(String name) {
        ReleasedSchema release = writtenVersions.get(name);
        if (release == null) {
            SchemaCatalog.ofReleased().newest(name); // throws, naming it and the released names
        }
        return release;
    }

    /**
     * The record's single-object encoding under the version this codec writes. A record of a class that is not a
     * released event, or one that Avro cannot write (a required field left null), is an
     * {@link IllegalArgumentException}.
     */
    public byte[] encode(SpecificRecord record) {
        Objects.requireNonNull(record, "record");
        Writer writer = writers.get(record.getClass());
        if (writer == null) {
            throw new IllegalArgumentException(record.getClass().getName() + " is not a released event schema");
        }
        Buffers buffers = BUFFERS.get();
        buffers.out.reset();
        buffers.out.writeBytes(writer.header);
        buffers.encoder = EncoderFactory.get().directBinaryEncoder(buffers.out, buffers.encoder);
        try {
            writer.datumWriter.write(record, buffers.encoder);
            buffers.encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + writer.release, e);
        } catch (NullPointerException | IllegalArgumentException e) {
            // These messages name the field, never its value (the writers here build them so).
            throw new IllegalArgumentException("cannot encode " + writer.release + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Other Avro messages (e.g. an unresolvable union) may quote the record, which may hold user input.
            throw new IllegalArgumentException("cannot encode " + writer.release + ": "
                    + e.getClass().getSimpleName());
        }
        byte[] encoded = buffers.out.toByteArray();
        if (buffers.out.size() > RETAINED_BUFFER_LIMIT) {
            BUFFERS.remove();
        }
        return encoded;
    }

    /** The event in {@code bytes}, as an instance of the current generated class of its schema. */
    public SpecificRecord decode(byte[] bytes) throws UndecodableEventException {
        return decodeWith(readerFor(bytes), bytes);
    }

    /**
     * The event in {@code bytes}, which must be of schema {@code expected}; any other released schema is an
     * {@link Kind#UNKNOWN_FINGERPRINT} too (a reader of this type does not know that fingerprint).
     */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> expected) throws UndecodableEventException {
        Objects.requireNonNull(expected, "expected");
        Reader reader = readerFor(bytes);
        if (!expected.isAssignableFrom(reader.type)) {
            throw new UndecodableEventException(Kind.UNKNOWN_FINGERPRINT, reader.release.fingerprintHex(),
                    "writer schema fingerprint " + reader.release.fingerprintHex() + " is " + reader.release
                            + ", not a " + expected.getSimpleName());
        }
        return expected.cast(decodeWith(reader, bytes));
    }

    private Reader readerFor(byte[] bytes) throws UndecodableEventException {
        long fingerprint = SingleObjectHeader.fingerprintOf(bytes);
        Reader reader = readers.get(fingerprint);
        if (reader == null) {
            String hex = Fingerprints.hex(fingerprint);
            throw new UndecodableEventException(Kind.UNKNOWN_FINGERPRINT, hex, "unknown writer schema fingerprint "
                    + hex + ": not a released schema this reader knows (upgrade consumers first, then re-drive)");
        }
        return reader;
    }

    private static SpecificRecord decodeWith(Reader reader, byte[] bytes) throws UndecodableEventException {
        int bodyLength = bytes.length - SingleObjectHeader.LENGTH;
        Buffers buffers = BUFFERS.get();
        BinaryDecoder in = DecoderFactory.get()
                .binaryDecoder(bytes, SingleObjectHeader.LENGTH, bodyLength, buffers.decoder);
        buffers.decoder = in;
        SpecificRecord record;
        boolean trailingBytes;
        try {
            record = reader.datumReader.read(null, new BoundedDecoder(in, bodyLength));
            trailingBytes = !in.isEnd();
        } catch (IOException | RuntimeException e) {
            // Avro reports garbage as EOF, malformed lengths, or index errors on enums and unions alike.
            throw corrupt(reader, "body does not parse (" + e.getClass().getSimpleName() + ")");
        }
        if (trailingBytes) {
            throw corrupt(reader, "bytes follow the end of the record");
        }
        return record;
    }

    private static UndecodableEventException corrupt(Reader reader, String why) {
        return new UndecodableEventException(Kind.CORRUPT_BODY, reader.release.fingerprintHex(),
                reader.release + ": " + why);
    }

    private static Class<? extends SpecificRecord> currentClassOf(ReleasedSchema release) {
        String className = release.schema().getFullName();
        try {
            return Class.forName(className, true, EventCodec.class.getClassLoader()).asSubclass(SpecificRecord.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("released schema " + release + " has no generated class " + className, e);
        }
    }

    private static Schema currentSchemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    /** How one schema is written: its header and a datum writer from the generated class to that version. */
    private static final class Writer {
        final ReleasedSchema release;
        final byte[] header;
        final DatumWriter<Object> datumWriter;

        private Writer(ReleasedSchema release, DatumWriter<Object> datumWriter) {
            this.release = release;
            this.header = SingleObjectHeader.of(release.fingerprint());
            this.datumWriter = datumWriter;
        }

        @SuppressWarnings("unchecked")
        static Writer of(ReleasedSchema release) {
            Class<? extends SpecificRecord> type = currentClassOf(release);
            Schema current = currentSchemaOf(type);
            if (Fingerprints.of(current) == release.fingerprint()) {
                // The generated class is this version: Avro's own fast path.
                return new Writer(release, (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(current));
            }
            return new Writer(release, new OlderSchemaWriter(release.schema(), type));
        }
    }

    /** How one released version is read: resolved from that writer schema to the current generated class. */
    private static final class Reader {
        final ReleasedSchema release;
        final Class<? extends SpecificRecord> type;
        final DatumReader<SpecificRecord> datumReader;

        private Reader(ReleasedSchema release, Class<? extends SpecificRecord> type) {
            this.release = release;
            this.type = type;
            this.datumReader = new SpecificDatumReader<>(release.schema(), currentSchemaOf(type));
        }

        static Reader of(ReleasedSchema release) {
            return new Reader(release, currentClassOf(release));
        }
    }

    /** Per-thread scratch space, reused across calls. */
    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }
}
