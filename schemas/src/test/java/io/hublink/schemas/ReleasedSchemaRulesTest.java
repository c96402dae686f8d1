package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The schema rules of DESIGN.md ("Topics, keys and events"), checked on every released version. */
@Timeout(30)
class ReleasedSchemaRulesTest {

    private final SchemaCatalog catalog = SchemaCatalog.ofReleased();

    @Test
    void should_give_every_field_added_after_the_first_version_a_default() {
        List<String> violations = new ArrayList<>();
        for (ReleasedSchema release : catalog.all()) {
            for (int older = 1; older < release.version(); older++) {
                Map<String, Schema> olderRecords = recordsByName(catalog.version(release.name(), older).schema());
                int olderVersion = older;
                forEachField(release.schema(), (record, field) -> {
                    Schema before = olderRecords.get(record.getFullName());
                    boolean added = before == null || before.getField(field.name()) == null;
                    if (added && !field.hasDefaultValue()) {
                        violations.add(release + ": " + record.getName() + "." + field.name()
                                + " was added after v" + olderVersion + " without a default");
                    }
                });
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void should_give_every_enum_a_default_symbol() {
        List<String> violations = new ArrayList<>();
        for (ReleasedSchema release : catalog.all()) {
            forEachSchema(release.schema(), schema -> {
                if (schema.getType() == Type.ENUM && schema.getEnumDefault() == null) {
                    violations.add(release + ": enum " + schema.getName() + " has no default symbol");
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void should_carry_every_time_as_timestamp_millis() {
        List<String> violations = new ArrayList<>();
        int times = 0;
        for (ReleasedSchema release : catalog.all()) {
            // every logical type in use is timestamp-millis on a long
            forEachSchema(release.schema(), schema -> {
                if (schema.getLogicalType() != null
                        && !(schema.getType() == Type.LONG
                        && schema.getLogicalType().equals(LogicalTypes.timestampMillis()))) {
                    violations.add(release + ": logical type " + schema.getLogicalType().getName());
                }
            });
            // and every field that names a time is one
            List<String> timeFields = new ArrayList<>();
            forEachField(release.schema(), (record, field) -> {
                if (field.name().endsWith("At") || field.name().equals("deadline")) {
                    timeFields.add(field.name());
                    if (!isTimestampMillis(nonNull(field.schema()))) {
                        violations.add(release + ": " + record.getName() + "." + field.name()
                                + " is not timestamp-millis");
                    }
                }
            });
            times += timeFields.size();
        }
        assertThat(times).as("time fields checked").isGreaterThan(5);
        assertThat(violations).isEmpty();
    }

    @Test
    void should_carry_every_id_as_a_string() {
        List<String> violations = new ArrayList<>();
        for (ReleasedSchema release : catalog.all()) {
            forEachField(release.schema(), (record, field) -> {
                if ((field.name().endsWith("Id") || field.name().equals("id"))
                        && nonNull(field.schema()).getType() != Type.STRING) {
                    violations.add(release + ": " + record.getName() + "." + field.name() + " is not a string");
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void should_encode_every_array_item_and_map_value_in_at_least_one_byte() {
        // EventCodec's BoundedDecoder bounds item counts by the body length, which relies on this.
        List<String> violations = new ArrayList<>();
        for (ReleasedSchema release : catalog.all()) {
            forEachSchema(release.schema(), schema -> {
                if (schema.getType() == Type.ARRAY && mayBeEmpty(schema.getElementType(), new HashSet<>())) {
                    violations.add(release + ": an array of " + schema.getElementType() + " items may take 0 bytes");
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    private static boolean mayBeEmpty(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case NULL:
                return true;
            case FIXED:
                return schema.getFixedSize() == 0;
            case RECORD:
                if (!seen.add(schema.getFullName())) {
                    return false;
                }
                return schema.getFields().stream().allMatch(f -> mayBeEmpty(f.schema(), seen));
            default:
                return false; // every other type writes at least a length, an index, a count or a value
        }
    }

    private static boolean isTimestampMillis(Schema schema) {
        return schema.getType() == Type.LONG && LogicalTypes.timestampMillis().equals(schema.getLogicalType());
    }

    /** The non-null branch of an optional field, or the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    private static Map<String, Schema> recordsByName(Schema root) {
        List<Schema> records = new ArrayList<>();
        forEachSchema(root, s -> {
            if (s.getType() == Type.RECORD) {
                records.add(s);
            }
        });
        return records.stream().collect(Collectors.toMap(Schema::getFullName, s -> s, (a, b) -> a));
    }

    private static void forEachField(Schema root, BiConsumer<Schema, Schema.Field> action) {
        forEachSchema(root, schema -> {
            if (schema.getType() == Type.RECORD) {
                schema.getFields().forEach(field -> action.accept(schema, field));
            }
        });
    }

    private static void forEachSchema(Schema root, java.util.function.Consumer<Schema> action) {
        walk(root, action, new HashSet<>());
    }

    private static void walk(Schema schema, java.util.function.Consumer<Schema> action, Set<String> seenNamed) {
        boolean named = schema.getType() == Type.RECORD || schema.getType() == Type.ENUM
                || schema.getType() == Type.FIXED;
        if (named && !seenNamed.add(schema.getFullName())) {
            return;
        }
        action.accept(schema);
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> walk(f.schema(), action, seenNamed));
            case ARRAY -> walk(schema.getElementType(), action, seenNamed);
            case MAP -> walk(schema.getValueType(), action, seenNamed);
            case UNION -> schema.getTypes().forEach(t -> walk(t, action, seenNamed));
            default -> {
            }
        }
    }
}
