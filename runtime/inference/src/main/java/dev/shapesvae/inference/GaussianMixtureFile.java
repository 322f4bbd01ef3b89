package dev.shapesvae.inference;

import dev.shapesvae.repository.BundleJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The file of a bundle's {@code gmm} sampler, {@code sampler-gmm.json}: the mixture and how it was
 * fitted. Read strictly, like {@code model.json}: a problem names the file and the field.
 */
public record GaussianMixtureFile(GaussianMixture mixture, MixtureFit fit) {
    /** The name of the sampler this file holds. */
    public static final String SAMPLER = "gmm";

    public GaussianMixtureFile {
        if (mixture == null || fit == null) {
            throw new IllegalArgumentException("a sampler file needs both the mixture and its fit");
        }
        if (mixture.components() != fit.chosen()) {
            throw new IllegalArgumentException("the mixture has " + mixture.components() + " components but the fit says it chose " + fit.chosen());
        }
    }

    /** Reads and checks a sampler file. */
    public static GaussianMixtureFile read(Path file) {
        return BundleJson.read(file, GaussianMixtureFile.class, "sampler");
    }

    /** The file's bytes: indented JSON in UTF-8. */
    public byte[] bytes() {
        return BundleJson.toJson(this).getBytes(StandardCharsets.UTF_8);
    }
}
