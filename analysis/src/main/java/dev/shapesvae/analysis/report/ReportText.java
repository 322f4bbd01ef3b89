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

    static final String LIMIT = "The limit is what a perfect generator scores under the same protocol (SPEC section 6): one that draws "
            + "dataset entries uniformly, with replacement, and emits their exact images, simulated with the models' M, tau, seeds and seed "
            + "scheme. It does not reach 100 %: M uniform draws miss some images (10000 draws over 7824 distinct images leave about "
            + "e^-1.28 of them unseen), and a few images are drawn by two entries. Coverage is given as a share of the limit's: higher "
            + "is better, 100 % is as good as drawing the dataset itself, and a generator that spreads its samples more evenly than "
            + "uniform draws can pass it. Divergences are given as bits above the limit's: lower is better, 0 is as close to the "
            + "uniform distribution as M uniform draws come. The limit's nearest-neighbour distance is 0; its column in Table I gives "
            + "every figure as mean ± the 95 % interval.";

    static final String GENERALISATION = "Coverage rewards memorising: a generator that replays only the 90 % training images "
            + "would score about 68 % while never producing an image it has not seen. So coverage is split by each model's own "
            + "split, made again from the seed and training fraction its model.json records: training coverage is the share of "
            + "training images marked, held-out coverage the share of held-out (validation) images marked, images the model never "
            + "saw, both from the same draws. The rule: a sampler memorises when the gap (training minus held-out coverage, seed by "
            + "seed) has a 95 % interval above 0 and the held-out coverage falls more than 10 % short of the training coverage; it "
            + "leans on its training images when the gap is beyond noise but smaller; otherwise it generalises. The perfect "
            + "generator draws training and held-out images alike and shows what noise alone does.";

    static final List<String> DISENTANGLEMENT = List.of(
            "MIG: per factor, the gap between the two latent dimensions with the most mutual information with it, over the "
                    + "factor's entropy, averaged over factors (1: each factor lives in one dimension alone).",
            "DCI disentanglement: how far each latent dimension is about a single factor, weighted by how much the dimension "
                    + "matters (1: each dimension's importance goes to one factor; 0: spread evenly over all).",
            "DCI completeness: how far each factor is captured by a single dimension (1: one dimension per factor; 0: spread "
                    + "evenly over all dimensions).",
            "DCI informativeness: the accuracy of gradient-boosted trees predicting each factor from the whole code, averaged "
                    + "over factors, on the entries of training images and on those of held-out images (disentanglement_lib's "
                    + "informativeness_train and _test; higher is better).",
            "SAP: per factor, the held-out accuracy of a linear SVM on the best single dimension minus that on the second best, "
                    + "averaged over factors (near 0: no dimension stands out; higher: each factor has a dimension of its own).",
            "DCI and SAP learn from the entries whose image is one of the model's training images and are scored on the entries "
                    + "of its held-out images; MIG uses all 8002 entries. The factors are shape, size, x and y; the code is the "
                    + "VAE's mean or the AE's z.");

    static final List<String> HOW = List.of(
            "Dataset: the exact enumeration of 8002 entries (7824 distinct images) of SPEC section 1.",
            "Generated images: probs = sigmoid(decoder(z)), decoded by ONNX Runtime from the exported bundles, for z from each "
                    + "sampler the model offers, a column of Table I each: prior draws z ~ N(0, I), the report's protocol; gmm, "
                    + "where the bundle stores it, draws z from the Gaussian mixture fitted to the model's training codes, at "
                    + "temperature 1.",
            "Distances: Euclidean over the 784 pixels; the nearest valid image by one matrix product and arg-min in ONNX Runtime, "
                    + "then the exact distance in double precision.",
            "Each sampled metric is repeated over several seeds; values are the mean ± the half-width of a 95 % t interval.",
            "Reconstruction: the encoder in evaluation mode (the VAE's mean), BCE with logits summed over pixels, in bits.",
            "Information rate: the AE's from the variance of the encodings of all distinct images and sigma_n from model.json; "
                    + "the VAE's as the mean KL of q(z|x) from N(0, I).",
            "Correlations: Pearson and Spearman (Apache Commons Math) of each latent dimension with size, x, y and the shape "
                    + "indicators over the 8002 entries.",
            "MIG: latents in 20 equal-width bins, mutual information with shape, size, x and y, gap of the top two over the "
                    + "factor's entropy, averaged over factors.",
            "The limit: a perfect generator simulated in Java with the models' protocol (per seed s, its draws for each metric "
                    + "seeded base + 1000 s + k, as the models' samples are); an exact image's nearest valid image is itself, at "
                    + "distance 0, so it needs no search. Its training and held-out coverage use the split of the model it is "
                    + "compared with (one limit column per split).",
            "DCI as disentanglement_lib computes it: per factor, gradient-boosted trees with scikit-learn's defaults (100 stages, "
                    + "learning rate 0.1, depth 3, log loss), importances from the fall in squared error at their splits, "
                    + "normalised per factor; each tree searches every cut scikit-learn's exact search does, halfway between "
                    + "consecutive distinct values of a latent dimension.",
            "SAP as disentanglement_lib computes it for discrete factors: liblinear's linear SVM (scikit-learn's LinearSVC with "
                    + "C = 0.01 and balanced class weights) on each latent dimension alone, for each factor.");

    private ReportText() {
    }
}
