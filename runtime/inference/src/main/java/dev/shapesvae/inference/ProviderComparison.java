package dev.shapesvae.inference;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.ShapesDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * One bundle run by two models (such as the CPU and the CUDA provider) on the same inputs, every
 * output compared: the encoder on dataset images, the decoder on sampled latents.
 */
public final class ProviderComparison {
    private ProviderComparison() {
    }

    /**
     * Encodes {@code rows} of the dataset's distinct images (spread over all of them) and decodes
     * {@code rows} latents sampled with {@code seed} with both models, and compares each output.
     *
     * @throws IllegalArgumentException when the models are not of the same bundle, or rows is not positive
     */
    public static List<OutputAgreement> compare(GenerativeModel reference, GenerativeModel candidate, int rows, long seed, Tolerance tolerance) {
        if (!reference.bundle().directory().equals(candidate.bundle().directory())) {
            throw new IllegalArgumentException("compare one bundle with itself, not " + reference.bundle().directory() + " with "
                    + candidate.bundle().directory());
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        List<BinaryImage> distinct = ShapesDataset.standard().distinctImages();
        List<BinaryImage> images = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            images.add(distinct.get((int) ((long) i * distinct.size() / rows) % distinct.size()));
        }
        List<String> encoderOutputs = reference.kind().encoderOutputs();
        Encoding expectedCode = reference.encode(images);
        Encoding code = candidate.encode(images);
        List<OutputAgreement> agreements = new ArrayList<>();
        agreements.add(OutputAgreement.of(encoderOutputs.get(0), expectedCode.z(), code.z(), tolerance));
        if (expectedCode.logvar().isPresent()) {
            agreements.add(OutputAgreement.of(encoderOutputs.get(1), expectedCode.logvar().get(), code.logvar().orElseThrow(), tolerance));
        }
        FloatMatrix latents = reference.sampleLatents(rows, seed, 1.0);
        Decoding expected = reference.decode(latents);
        Decoding decoded = candidate.decode(latents);
        agreements.add(OutputAgreement.of("logits", expected.logits(), decoded.logits(), tolerance));
        agreements.add(OutputAgreement.of("probs", expected.probs(), decoded.probs(), tolerance));
        return agreements;
    }
}
