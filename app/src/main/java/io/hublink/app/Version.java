package io.hublink.app;

import picocli.CommandLine;

/** The version of the jar, from its manifest. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = HublinkCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hublink " + (version == null ? "development" : version)};
    }
}
