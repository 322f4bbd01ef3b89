package dev.shapesvae.repository;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.onnx.GraphSignature;
import dev.shapesvae.onnx.TensorSignature;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that a manifest and its files agree: the hashes of the two ONNX files and of the stored
 * samplers' files match, and each graph has the tensor names and shapes that the ONNX contract
 * prescribes for the manifest's kind and latent dimension (SPEC section 3).
 */
final class BundleVerifier {
    private BundleVerifier() {
    }

    static void verify(Path directory, ModelManifest manifest, byte[] encoder, byte[] decoder) {
        ModelKind kind = manifest.kind();
        int latent = manifest.latentDim();
        OnnxInfo expected = OnnxInfo.forKind(kind, manifest.onnx().opset(), manifest.onnx().sha256());
        Path manifestPath = directory.resolve(ModelBundle.MANIFEST_FILE);
        if (!expected.encoder().equals(manifest.onnx().encoder()) || !expected.decoder().equals(manifest.onnx().decoder())) {
            throw new BundleException(manifestPath, "tensor names " + manifest.onnx().encoder() + " / " + manifest.onnx().decoder()
                    + " do not match the contract for a " + kind.label() + ": " + expected.encoder() + " / " + expected.decoder());
        }
        checkHash(directory.resolve(ModelBundle.ENCODER_FILE), manifest, encoder);
        checkHash(directory.resolve(ModelBundle.DECODER_FILE), manifest, decoder);
        checkGraph(directory.resolve(ModelBundle.ENCODER_FILE), encoder,
                List.of(ModelKind.ENCODER_INPUT), Canvas.PIXELS, kind.encoderOutputs(), latent);
        checkGraph(directory.resolve(ModelBundle.DECODER_FILE), decoder,
                List.of(ModelKind.DECODER_INPUT), latent, ModelKind.DECODER_OUTPUTS, Canvas.PIXELS);
    }

    /** Checks the file of a stored sampler against its entry in model.json. */
    static void verifySampler(Path file, SamplerEntry sampler, byte[] data) {
        checkHash(file, sampler.sha256(), data);
    }

    private static void checkHash(Path file, ModelManifest manifest, byte[] data) {
        String fileName = file.getFileName().toString();
        String recorded = manifest.onnx().sha256().get(fileName);
        if (recorded == null) {
            throw new BundleException(file, "model.json records no sha256 for " + fileName);
        }
        checkHash(file, recorded, data);
    }

    private static void checkHash(Path file, String recorded, byte[] data) {
        String actual = Sha256.hex(data);
        if (!actual.equals(recorded)) {
            throw new BundleException(file, "sha256 mismatch: model.json says " + recorded + " but the file hashes to " + actual);
        }
    }

    private static void checkGraph(Path file, byte[] data, List<String> inputNames, int inputWidth,
            List<String> outputNames, int outputWidth) {
        GraphSignature graph;
        try {
            graph = GraphSignature.read(data);
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, e.getMessage(), e);
        }
        if (!graph.inputNames().equals(inputNames)) {
            throw new BundleException(file, "graph inputs are " + graph.inputNames() + ", expected " + inputNames);
        }
        if (!graph.outputNames().equals(outputNames)) {
            throw new BundleException(file, "graph outputs are " + graph.outputNames() + ", expected " + outputNames);
        }
        for (TensorSignature input : graph.inputs()) {
            checkShape(file, "input", input, inputWidth);
        }
        for (TensorSignature output : graph.outputs()) {
            checkShape(file, "output", output, outputWidth);
        }
    }

    private static void checkShape(Path file, String role, TensorSignature tensor, int width) {
        if (!tensor.isFloatBatchOf(width)) {
            throw new BundleException(file, role + " '" + tensor.name() + "' is " + tensor.describe()
                    + " but model.json implies float32 [N, " + width + "]");
        }
    }
}
