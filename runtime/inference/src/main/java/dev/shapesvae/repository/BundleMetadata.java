package dev.shapesvae.repository;

import dev.shapesvae.onnx.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata each graph of a bundle carries, after Tribuo's ONNX export: its qualified name
 * ({@code <name>-encoder}), the bundle's version as {@code model_version}, a description of the
 * model and its tensors, and the manifest's essentials in {@code metadata_props} (keys below), so
 * that an ONNX file copied out of the repository, into a Triton export for one, still says what
 * it is. Structured values are the manifest's own JSON on one line.
 */
final class BundleMetadata {
    private BundleMetadata() {
    }

    static ModelMetadata of(BundleGraph graph, String name, int version, ModelManifest manifest) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("model_name", name);
        properties.put("graph", graph.label());
        properties.put("kind", manifest.kind().label());
        properties.put("latent_dim", Integer.toString(manifest.latentDim()));
        properties.put("architecture", BundleJson.compactJson(manifest.config().architecture()));
        properties.put("hyperparameters", BundleJson.compactJson(manifest.config().hyperparameters()));
        properties.put("dataset", BundleJson.compactJson(manifest.dataset()));
        properties.put("training", BundleJson.compactJson(manifest.training()));
        properties.put("created_at", String.valueOf(manifest.createdAt()));
        return new ModelMetadata(graph.qualifiedName(name), version, description(graph, name, version, manifest), properties);
    }

    private static String description(BundleGraph graph, String name, int version, ModelManifest manifest) {
        int latent = manifest.latentDim();
        String what = manifest.kind() == ModelKind.VAE ? "a variational autoencoder" : "an autoencoder regularised by MMD with latent noise";
        String tensors = graph.input() + " float32 [N, " + graph.inputWidth(latent) + "] -> "
                + String.join(", ", graph.outputs(manifest.kind())) + " float32 [N, " + graph.outputWidth(latent) + "]";
        String use = graph == BundleGraph.ENCODER
                ? "Pixels in [0, 1], 28 x 28 flattened by rows."
                : "probs = sigmoid(logits); decode z ~ N(0, I) to generate.";
        return capitalised(graph.label()) + " of shapes-vae model '" + name + "' version " + version + ": " + what
                + " with a latent of " + latent + " dimensions, fitted for " + manifest.training().epochs() + " epochs on "
                + manifest.dataset().name() + ". " + tensors + ". " + use + " Evaluation mode: no dropout, no latent noise.";
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
