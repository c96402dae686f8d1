package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SchemaCatalogTest {

    private final SchemaCatalog catalog = SchemaCatalog.ofReleased();

    @Test
    void should_release_every_event_schema_defined_in_src_main_avro() throws IOException {
        // given the top-level schemas of this module (common/ holds only shared named types)
        Set<String> defined;
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            defined = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".avsc"))
                    .map(f -> f.substring(0, f.length() - ".avsc".length()))
                    .collect(Collectors.toSet());
        }

        // then each has released versions
        assertThat(defined).isNotEmpty();
        assertThat(catalog.names()).containsExactlyInAnyOrderElementsOf(defined);
    }

    @Test
    void should_match_the_newest_release_of_each_schema_to_its_generated_class() throws Exception {
        for (String name : catalog.names()) {
            // given the generated class
            Schema generated = SpecificData.get().getSchema(Class.forName("io.hublink.events." + name));

            // when the newest release is looked up
            ReleasedSchema newest = catalog.newest(name);

            // then both have one parsing canonical form: an .avsc cannot change without a release
            assertThat(newest.fingerprint())
                    .as("%s: src/main/avro changed without a new released version", name)
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(generated));
            assertThat(SchemaNormalization.toParsingForm(newest.schema()))
                    .isEqualTo(SchemaNormalization.toParsingForm(generated));
        }
    }

    @Test
    void should_let_each_newer_version_read_data_written_by_each_older_one() {
        for (String name : catalog.names()) {
            List<ReleasedSchema> versions = catalog.all().stream().filter(r -> r.name().equals(name)).toList();
            for (int older = 0; older < versions.size(); older++) {
                for (int newer = older + 1; newer < versions.size(); newer++) {
                    // when the newer reads the older
                    var result = SchemaCompatibility.checkReaderWriterCompatibility(
                            versions.get(newer).schema(), versions.get(older).schema());

                    // then it can
                    assertThat(result.getType())
                            .as("%s reading %s: %s", versions.get(newer), versions.get(older), result.getDescription())
                            .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                }
            }
        }
    }

    @Test
    void should_hold_link_requested_v1_without_deadline_and_v2_with_it() {
        // when
        ReleasedSchema v1 = catalog.version("LinkRequested", 1);
        ReleasedSchema v2 = catalog.version("LinkRequested", 2);

        // then
        assertThat(v1.schema().getField("deadline")).isNull();
        assertThat(v2.schema().getField("deadline")).isNotNull();
        assertThat(v2.schema().getFields()).hasSize(v1.schema().getFields().size() + 1);
        assertThat(catalog.newest("LinkRequested")).isEqualTo(v2);
        assertThat(v1.fingerprint()).isNotEqualTo(v2.fingerprint());
    }

    @Test
    void should_list_the_releases_grouped_by_schema_oldest_first() {
        assertThat(catalog.all()).extracting(ReleasedSchema::toString)
                .extracting(s -> s.substring(0, s.indexOf(" (")))
                .containsExactly("LinkRequested v1", "LinkRequested v2", "AccountLinked v1", "LinkFailed v1",
                        "LinkNotification v1", "LinkedAccount v1");
    }

    @Test
    void should_find_every_release_by_its_fingerprint() {
        for (ReleasedSchema release : catalog.all()) {
            assertThat(catalog.byFingerprint(release.fingerprint())).contains(release);
        }
        assertThat(catalog.byFingerprint(42L)).isEmpty();
    }

    @Test
    void should_print_the_fingerprint_as_sixteen_lowercase_hex_digits_of_the_value() {
        // given
        ReleasedSchema release = catalog.newest("AccountLinked");

        // then
        assertThat(release.fingerprintHex()).matches("[0-9a-f]{16}");
        assertThat(Long.parseUnsignedLong(release.fingerprintHex(), 16)).isEqualTo(release.fingerprint());
    }

    @Test
    void should_reject_an_unknown_schema_name_naming_it() {
        assertThatThrownBy(() -> catalog.newest("LinkRequestd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequestd")
                .hasMessageContaining("LinkRequested");
    }

    @Test
    void should_reject_an_unknown_version_naming_it() {
        assertThatThrownBy(() -> catalog.version("LinkRequested", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LinkRequested has no released version 3")
                .hasMessageContaining("1, 2");
        assertThatThrownBy(() -> catalog.version("AccountLinked", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0");
    }

    @Test
    void should_ship_each_release_as_a_self_contained_file() throws IOException {
        for (ReleasedSchema release : catalog.all()) {
            // given the file as another language would read it: alone, with no other schema known
            String resource = "/io/hublink/schemas/released/" + release.name() + "/v" + release.version() + ".avsc";
            String json;
            try (var in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }

            // then it parses to the same schema, without Java-only properties
            assertThat(new Schema.Parser().parse(json)).isEqualTo(release.schema());
            assertThat(json).doesNotContain("avro.java.string");
        }
    }
}
