package dev.shapesvae.repository;

import java.nio.file.Path;

/**
 * One verified version of a model in the repository: {@code <root>/<name>/<version>/}, holding the
 * two graphs, the manifest, the files of the samplers it lists and extra files such as the history.
 */
public record ModelBundle(String name, int version, Path directory, ModelManifest manifest) {
    /** File name of the encoder graph. */
    public static final String ENCODER_FILE = "encoder.onnx";
    /** File name of the decoder graph. */
    public static final String DECODER_FILE = "decoder.onnx";
    /** File name of the manifest. */
    public static final String MANIFEST_FILE = "model.json";

    public Path encoderPath() {
        return directory.resolve(ENCODER_FILE);
    }

    public Path decoderPath() {
        return directory.resolve(DECODER_FILE);
    }

    public Path manifestPath() {
        return directory.resolve(MANIFEST_FILE);
    }

    /** The file of a sampler stored in this bundle. */
    public Path samplerPath(SamplerEntry sampler) {
        return directory.resolve(sampler.file());
    }

    /**
     * The bytes of a stored sampler's file, read once and checked against the sha256 that
     * model.json records for it: what a reader parses from them is what was checked.
     *
     * @throws BundleException naming the file when it is missing, cannot be read, or hashes to something else
     */
    public byte[] samplerBytes(SamplerEntry sampler) {
        Path file = samplerPath(sampler);
        byte[] data = BundleFileBytes.read(file);
        BundleVerifier.verifySampler(file, sampler, data);
        return data;
    }
}
