package io.hublink.schemas;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;

/**
 * Writes a record of the current generated class in the shape of another (older) released schema, for a producer
 * pinned by {@code --write-schema-version}. Fields are matched by name, not position (Avro's specific writer reads
 * by position, which is wrong as soon as two versions differ other than at the end); a field the current class no
 * longer has is written as its default; an enum symbol the older schema lacks becomes the older enum's default,
 * which is what a reader of that version would make of it anyway.
 */
final class OlderSchemaWriter extends GenericDatumWriter<Object> {

    OlderSchemaWriter(Schema writerSchema, Class<?> currentClass) {
        super(writerSchema, new ByName(currentClass));
    }

    @Override
    protected void writeEnum(Schema schema, Object datum, Encoder out) throws IOException {
        String symbol = datum.toString();
        if (schema.hasEnumSymbol(symbol)) {
            out.writeEnum(schema.getEnumOrdinal(symbol));
        } else if (schema.getEnumDefault() != null) {
            out.writeEnum(schema.getEnumOrdinal(schema.getEnumDefault()));
        } else {
            throw new IllegalArgumentException(schema.getFullName() + " in the pinned version has no symbol " + symbol
                    + " and no default");
        }
    }

    /** Field access by name, with the generated class's logical-type conversions (e.g. Instant). */
    private static final class ByName extends GenericData {

        ByName(Class<?> currentClass) {
            for (Conversion<?> conversion : SpecificData.getForClass(currentClass).getConversions()) {
                addLogicalTypeConversion(conversion);
            }
        }

        /** The state Avro hands to {@link #getField} is the record schema being written. */
        @Override
        protected Object getRecordState(Object record, Schema writerSchema) {
            return writerSchema;
        }

        @Override
        protected Object getField(Object record, String name, int position, Object writerSchema) {
            IndexedRecord current = (IndexedRecord) record;
            Schema.Field field = current.getSchema().getField(name);
            if (field != null) {
                return current.get(field.pos());
            }
            return getDefaultValue(((Schema) writerSchema).getField(name));
        }
    }
}
