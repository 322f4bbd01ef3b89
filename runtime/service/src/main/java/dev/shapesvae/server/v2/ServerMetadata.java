package dev.shapesvae.server.v2;

import java.util.List;

/** The server's name and version, and the protocol extensions it implements. */
public record ServerMetadata(String name, String version, List<String> extensions) {
    /** The extensions, named as Triton names them, that both transports implement. */
    public static final List<String> EXTENSIONS = List.of("binary_tensor_data", "model_configuration", "model_repository", "statistics");

    /** This server: shapes-vae at the version in the jar's manifest ("dev" when run from classes). */
    public static ServerMetadata current() {
        String version = ServerMetadata.class.getPackage().getImplementationVersion();
        return new ServerMetadata("shapes-vae", version == null ? "dev" : version, EXTENSIONS);
    }
}
