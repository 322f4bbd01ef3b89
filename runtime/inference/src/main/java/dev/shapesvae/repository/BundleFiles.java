package dev.shapesvae.repository;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new version of a model consists of before it is written: the manifest (its hashes and
 * sampler entries are filled in on writing), the two ONNX graphs, extra files such as
 * {@code history.csv}, and the stored latent samplers by name, each the bytes of its file
 * ({@link SamplerEntry#fileName}), offered in this order after the prior.
 */
public record BundleFiles(ModelManifest manifest, byte[] encoder, byte[] decoder, Map<String, byte[]> extraFiles,
        Map<String, byte[]> samplers) {
    public BundleFiles {
        extraFiles = Map.copyOf(extraFiles);
        // Kept in the caller's order: it is the order the bundle offers them in.
        samplers = Collections.unmodifiableMap(new LinkedHashMap<>(samplers));
        List<String> samplerFiles = samplers.keySet().stream().map(SamplerEntry::fileName).toList();
        for (String name : extraFiles.keySet()) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.equals(ModelBundle.ENCODER_FILE)
                    || name.equals(ModelBundle.DECODER_FILE) || name.equals(ModelBundle.MANIFEST_FILE) || samplerFiles.contains(name)) {
                throw new IllegalArgumentException("invalid extra file name '" + name + "'");
            }
        }
    }

    /** A version with no stored sampler. */
    public BundleFiles(ModelManifest manifest, byte[] encoder, byte[] decoder, Map<String, byte[]> extraFiles) {
        this(manifest, encoder, decoder, extraFiles, Map.of());
    }

    /** The entries model.json records for the stored samplers: their names, files and hashes. */
    List<SamplerEntry> samplerEntries() {
        return samplers.entrySet().stream().map(e -> SamplerEntry.of(e.getKey(), e.getValue())).toList();
    }
}
