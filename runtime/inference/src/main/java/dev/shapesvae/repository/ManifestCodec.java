package dev.shapesvae.repository;

import java.nio.file.Path;

/**
 * Reads and writes {@code model.json}, strictly (see {@link BundleJson}) but for the fields that
 * {@link OptionalFields} lets a manifest lack, turning every parse problem into a message that
 * names the field.
 */
public final class ManifestCodec {
    private static final String WHAT = "manifest";

    private ManifestCodec() {
    }

    /** The manifest as indented JSON, without the optional fields that hold their absent value. */
    public static String toJson(ModelManifest manifest) {
        return BundleJson.write(OptionalFields.leaveOut(BundleJson.toTree(manifest)));
    }

    /** Parses a manifest; {@code source} names the file in error messages. */
    public static ModelManifest fromJson(String json, Path source) {
        return BundleJson.bind(OptionalFields.fillIn(BundleJson.parse(json, source)), ModelManifest.class, source, WHAT);
    }

    /** Reads and parses a manifest file. */
    public static ModelManifest read(Path file) {
        return fromJson(BundleJson.readString(file), file);
    }
}
