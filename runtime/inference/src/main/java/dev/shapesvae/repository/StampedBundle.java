package dev.shapesvae.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bundle's files as written for one version number: both graphs carry the number and the rest
 * of their {@link BundleMetadata}, and the manifest records the sha256 of exactly those bytes.
 */
final class StampedBundle {
    private final ModelManifest manifest;
    private final byte[] encoder;
    private final byte[] decoder;

    private StampedBundle(ModelManifest manifest, byte[] encoder, byte[] decoder) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** The files of {@code files} stamped as version {@code version} of model {@code name}. */
    static StampedBundle of(String name, int version, BundleFiles files) {
        ModelManifest unhashed = files.manifest();
        byte[] encoder = BundleMetadata.of(BundleGraph.ENCODER, name, version, unhashed).applyTo(files.encoder());
        byte[] decoder = BundleMetadata.of(BundleGraph.DECODER, name, version, unhashed).applyTo(files.decoder());
        return new StampedBundle(withHashes(files, encoder, decoder), encoder, decoder);
    }

    /**
     * The manifest with the ONNX information of these graphs (the contract's tensor names and their
     * hashes) and the entries of the stored samplers.
     */
    static ModelManifest withHashes(BundleFiles files, byte[] encoder, byte[] decoder) {
        ModelManifest manifest = files.manifest();
        Map<String, String> hashes = Map.of(ModelBundle.ENCODER_FILE, Sha256.hex(encoder), ModelBundle.DECODER_FILE, Sha256.hex(decoder));
        return manifest.withOnnx(OnnxInfo.forKind(manifest.kind(), manifest.onnx().opset(), hashes)).withSamplers(files.samplerEntries());
    }

    ModelManifest manifest() {
        return manifest;
    }

    /** Writes both graphs and the manifest into {@code folder}, replacing what an earlier stamp wrote there. */
    void writeTo(Path folder) throws IOException {
        Files.write(folder.resolve(ModelBundle.ENCODER_FILE), encoder);
        Files.write(folder.resolve(ModelBundle.DECODER_FILE), decoder);
        Files.writeString(folder.resolve(ModelBundle.MANIFEST_FILE), ManifestCodec.toJson(manifest), StandardCharsets.UTF_8);
    }
}
