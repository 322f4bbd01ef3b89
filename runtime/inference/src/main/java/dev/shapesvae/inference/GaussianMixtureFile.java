package dev.shapesvae.inference;

import dev.shapesvae.repository.BundleJson;
import dev.shapesvae.repository.ModelBundle;
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
        if (mixture.components() != fit.chosen().components()) {
            throw new IllegalArgumentException("the mixture has " + mixture.components() + " components but the fit chose "
                    + fit.chosen().components() + ", the candidate with the highest validationLogLikelihood");
        }
    }

    /**
     * Parses and checks the bytes of a sampler file, such as {@link ModelBundle#samplerBytes}
     * gives after checking their hash; {@code source} names the file in messages.
     *
     * @throws dev.shapesvae.repository.BundleException naming the file and the field
     */
    public static GaussianMixtureFile parse(byte[] contents, Path source) {
        return BundleJson.read(contents, source, GaussianMixtureFile.class, "sampler");
    }

    /** The file's bytes: indented JSON in UTF-8. */
    public byte[] bytes() {
        return BundleJson.toJson(this).getBytes(StandardCharsets.UTF_8);
    }
}
