package io.hublink.worker.decision;

import java.util.Optional;

/** Reads one response header by name, case-insensitively, as the HTTP adapter received it. */
@FunctionalInterface
public interface HeaderLookup {

    Optional<String> get(String name);

    static HeaderLookup none() {
        return name -> Optional.empty();
    }
}
