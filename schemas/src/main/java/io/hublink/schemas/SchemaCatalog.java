package io.hublink.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * Every released version of every event schema, loaded from the self-contained {@code .avsc} files under
 * {@code io/hublink/schemas/released/<Name>/v<N>.avsc} in this jar. The decoder reads any of them; the encoder writes
 * the newest unless pinned to an older one.
 *
 * <p>Releasing a schema change: copy the changed schema, with its named types inlined, to the next {@code v<N>.avsc}
 * and add it to {@link #RELEASES}. {@code SchemaCatalogTest} fails until the newest release matches the generated
 * class, so an {@code .avsc} cannot change without being released.
 */
public final class SchemaCatalog {

    /** The one list of releases, oldest first per schema. Versions of a schema are numbered 1, 2, … without gaps. */
    private static final List<String> RELEASES = List.of(
            "LinkRequested/v1",
            "LinkRequested/v2",
            "AccountLinked/v1",
            "LinkFailed/v1",
            "LinkNotification/v1",
            "LinkedAccount/v1");

    private static final String RESOURCE_ROOT = "/io/hublink/schemas/released/";

    private final List<ReleasedSchema> all;
    private final Map<String, List<ReleasedSchema>> byName;
    private final Map<Long, ReleasedSchema> byFingerprint;

    private SchemaCatalog(List<ReleasedSchema> all) {
        this.all = List.copyOf(all);
        Map<String, List<ReleasedSchema>> names = new LinkedHashMap<>();
        Map<Long, ReleasedSchema> fingerprints = new HashMap<>();
        for (ReleasedSchema released : all) {
            names.computeIfAbsent(released.name(), n -> new ArrayList<>()).add(released);
            ReleasedSchema clash = fingerprints.put(released.fingerprint(), released);
            if (clash != null) {
                throw new IllegalStateException(released + " has the same fingerprint as " + clash);
            }
        }
        names.replaceAll((name, versions) -> checkedVersions(name, versions));
        this.byName = Map.copyOf(names);
        this.byFingerprint = Map.copyOf(fingerprints);
    }

    /** The releases shipped in this jar, loaded once. */
    public static SchemaCatalog ofReleased() {
        return Loaded.RELEASED;
    }

    /** Every released version, grouped by schema in release order, oldest version first. */
    public List<ReleasedSchema> all() {
        return all;
    }

    /** The names of the released schemas, e.g. {@code LinkRequested}. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** The newest released version of a schema; an unknown name is an {@link IllegalArgumentException} naming it. */
    public ReleasedSchema newest(String name) {
        List<ReleasedSchema> versions = versionsOf(name);
        return versions.get(versions.size() - 1);
    }

    /** One released version; an unknown name or version is an {@link IllegalArgumentException} naming it. */
    public ReleasedSchema version(String name, int version) {
        List<ReleasedSchema> versions = versionsOf(name);
        if (version < 1 || version > versions.size()) {
            throw new IllegalArgumentException(name + " has no released version " + version + " (released: "
                    + versions.stream().map(v -> String.valueOf(v.version())).collect(Collectors.joining(", "))
                    + ")");
        }
        return versions.get(version - 1);
    }

    /** The release whose parsing-canonical-form fingerprint this is, if any. */
    public Optional<ReleasedSchema> byFingerprint(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    private List<ReleasedSchema> versionsOf(String name) {
        List<ReleasedSchema> versions = byName.get(name);
        if (versions == null) {
            throw new IllegalArgumentException("no released schema named " + name + " (released: "
                    + String.join(", ", byName.keySet().stream().sorted().toList()) + ")");
        }
        return versions;
    }

    private static List<ReleasedSchema> checkedVersions(String name, List<ReleasedSchema> versions) {
        versions.sort(Comparator.comparingInt(ReleasedSchema::version));
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).version() != i + 1) {
                throw new IllegalStateException(name + ": released versions must be 1.." + versions.size()
                        + " without gaps, found " + versions);
            }
        }
        return List.copyOf(versions);
    }

    /** Holder idiom: the jar's releases are parsed on first use, once, thread-safely. */
    private static final class Loaded {
        static final SchemaCatalog RELEASED = load();

        private static SchemaCatalog load() {
            List<ReleasedSchema> all = new ArrayList<>();
            for (String release : RELEASES) {
                all.add(parse(release));
            }
            return new SchemaCatalog(all);
        }

        private static ReleasedSchema parse(String release) {
            String name = release.substring(0, release.indexOf('/'));
            int version = Integer.parseInt(release.substring(release.indexOf("/v") + 2));
            String resource = RESOURCE_ROOT + release + ".avsc";
            // A fresh parser per file: each file defines its named types itself, and two versions of one schema
            // define the same names.
            Schema schema = new Schema.Parser().parse(read(resource));
            if (!schema.getName().equals(name)) {
                throw new IllegalStateException(resource + " defines " + schema.getFullName() + ", not " + name);
            }
            return new ReleasedSchema(name, version, schema, Fingerprints.of(schema));
        }

        private static String read(String resource) {
            try (InputStream in = SchemaCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("released schema " + resource + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + resource, e);
            }
        }
    }
}
