package io.hublink.app.commands;

import io.hublink.schemas.SchemaCatalog;
import io.hublink.schemas.ReleasedSchema;
import picocli.CommandLine.Command;

@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Prints every released schema version with its fingerprint (CRC-64-AVRO of the canonical form).")
public final class SchemasCommand extends Subcommand {

    @Override
    int run() {
        for (ReleasedSchema schema : SchemaCatalog.ofReleased().all()) {
            System.out.println("schema " + schema.name() + " v" + schema.version() + " fingerprint=" + schema.fingerprintHex());
            System.out.println(schema.schema().toString(true));
        }
        return 0;
    }
}
