package dev.shapesvae.analysis.report;

import java.util.List;

/** The report's fixed prose, shared by the HTML and Markdown templates. */
final class ReportText {
    static final String DIFFERENCES = "Our numbers come from our own training of the same architectures, so they differ "
            + "from the report's in the first place through training. The metrics themselves follow the spec, which corrects "
            + "the report's code in places: the VAE is trained with exp(0.5 logvar) as the standard deviation (the report's "
            + "code used exp(logvar)); the AE information rate divides by sigma_n^2 (the report divided by sigma_n, which "
            + "with sigma_n = 0.2 understates it; that form is shown beside ours); coverage is given over the 7824 distinct images as well as in "
            + "the report's form over 8002 entries, of which the report could never mark the 178 duplicates; the report's KL "
            + "is dominated by the 1e-10 term of entries never generated, so D_KL(q, p) and the Jensen-Shannon divergence "
            + "are given as well-defined alternatives; and the report's reconstruction error is an average of batch sums, "
            + "about 99 times the per-image figure, which is given beside it.";

    static final List<String> HOW = List.of(
            "Dataset: the exact enumeration of 8002 entries (7824 distinct images) of SPEC section 1.",
            "Generated images: probs = sigmoid(decoder(z)) for z ~ N(0, I), decoded by ONNX Runtime from the exported bundles.",
            "Distances: Euclidean over the 784 pixels; the nearest valid image by one matrix product and arg-min in ONNX Runtime, "
                    + "then the exact distance in double precision.",
            "Each sampled metric is repeated over several seeds; values are the mean ± the half-width of a 95 % t interval.",
            "Reconstruction: the encoder in evaluation mode (the VAE's mean), BCE with logits summed over pixels, in bits.",
            "Information rate: the AE's from the variance of the encodings of all distinct images and sigma_n from model.json; "
                    + "the VAE's as the mean KL of q(z|x) from N(0, I).",
            "Correlations: Pearson and Spearman (Apache Commons Math) of each latent dimension with size, x, y and the shape "
                    + "indicators over the 8002 entries.",
            "MIG: latents in 20 equal-width bins, mutual information with shape, size, x and y, gap of the top two over the "
                    + "factor's entropy, averaged over factors.");

    private ReportText() {
    }
}
