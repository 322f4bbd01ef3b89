package dev.shapesvae.cli;

import picocli.CommandLine;

/** {@code --version}: the version Maven wrote into the jar manifest, and the Java runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "shapes-vae " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
