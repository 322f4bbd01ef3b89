package dev.shapesvae.onnx;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.NearestImages;
import dev.shapesvae.repository.ModelBundle;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every kind of ONNX model the project writes, made by the production code: both graphs of a VAE
 * and of an AE, each with and without layer normalisation, written through the model repository
 * as {@code trainer fit} writes them, and the nearest-image search.
 */
final class ExportedModels {
    private ExportedModels() {
    }

    /** The models by label ({@code vae-ln-encoder}, ..., {@code nearest-images}), in a fixed order. */
    static Map<String, byte[]> all(Path repositoryFolder) {
        ModelRepository repository = new ModelRepository(repositoryFolder);
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (ModelKind kind : ModelKind.values()) {
            for (boolean layerNorm : new boolean[] {false, true}) {
                String name = kind.label() + (layerNorm ? "-ln" : "");
                ModelBundle bundle = Fixtures.writeBundle(repository, name, Fixtures.config(kind, 4, layerNorm), 5);
                models.put(name + "-encoder", read(bundle.encoderPath()));
                models.put(name + "-decoder", read(bundle.decoderPath()));
            }
        }
        models.put("nearest-images", NearestImages.graph(ShapesDataset.standard().distinctImages().subList(0, 40)));
        return models;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
