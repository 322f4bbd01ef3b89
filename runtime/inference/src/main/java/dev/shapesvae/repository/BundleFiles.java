package dev.shapesvae.repository;

import java.util.Map;

/**
 * What a new version of a model consists of before it is written: the manifest (its hashes are
 * filled in on writing), the two ONNX graphs, and extra files such as {@code history.csv}.
 */
public record BundleFiles(ModelManifest manifest, byte[] encoder, byte[] decoder, Map<String, byte[]> extraFiles) {
    public BundleFiles {
        extraFiles = Map.copyOf(extraFiles);
        for (String name : extraFiles.keySet()) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.equals(ModelBundle.ENCODER_FILE)
                    || name.equals(ModelBundle.DECODER_FILE) || name.equals(ModelBundle.MANIFEST_FILE)) {
                throw new IllegalArgumentException("invalid extra file name '" + name + "'");
            }
        }
    }
}
