package dev.shapesvae.inference;

import dev.shapesvae.repository.BundleException;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.SamplerEntry;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The samplers a bundle offers, by name: the prior first, then those stored in it, in the manifest's order. */
final class LatentSamplers {
    private LatentSamplers() {
    }

    /**
     * Reads the bundle's sampler files, each checked against its sha256 in model.json and parsed
     * from the very bytes that were checked (whether the bundle came from the repository or was
     * built by hand).
     *
     * @throws BundleException naming the file when one cannot be read, has changed, is not a sampler this library knows, or does not
     *     fit the model
     */
    static Map<String, LatentSampler> of(ModelBundle bundle) {
        int latentDim = bundle.manifest().latentDim();
        Map<String, LatentSampler> samplers = new LinkedHashMap<>();
        samplers.put(LatentSampler.PRIOR, LatentSampler.prior(latentDim));
        for (SamplerEntry entry : bundle.manifest().samplers()) {
            Path file = bundle.samplerPath(entry);
            if (!entry.name().equals(GaussianMixtureFile.SAMPLER)) {
                throw new BundleException(file, "unknown sampler '" + entry.name() + "' (this library reads " + GaussianMixtureFile.SAMPLER + ")");
            }
            GaussianMixture mixture = GaussianMixtureFile.parse(bundle.samplerBytes(entry), file).mixture();
            if (mixture.latentDim() != latentDim) {
                throw new BundleException(file, "the mixture is over " + mixture.latentDim() + " dimensions but the model's latent has " + latentDim);
            }
            samplers.put(entry.name(), LatentSampler.of(mixture));
        }
        return Collections.unmodifiableMap(samplers);
    }
}
