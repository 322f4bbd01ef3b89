package dev.shapesvae.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.onnx.GraphSignature;
import dev.shapesvae.onnx.TensorSignature;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.testing.ReferenceMlp;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exported graphs, run in a real ONNX Runtime session, compute what the weights say. */
class OnnxGraphsTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private static float[][] run(byte[] model, String input, float[] rows, int width, List<String> outputs) throws Exception {
        try (OrtSession session = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(rows), new long[] {rows.length / width, width});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[][] out = new float[outputs.size()][];
            for (int i = 0; i < outputs.size(); i++) {
                OnnxTensor t = (OnnxTensor) result.get(outputs.get(i)).orElseThrow();
                FloatBuffer buffer = t.getFloatBuffer();
                out[i] = new float[buffer.remaining()];
                buffer.get(out[i]);
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void vaeEncoderMatchesTheReferenceForwardPass(boolean layerNorm) throws Exception {
        MlpWeights weights = Fixtures.weights(Canvas.PIXELS, List.of(16, 8), List.of(3, 3), layerNorm, 11);
        int[] entries = {0, 4000, 7823};
        float[] images = ShapesDataset.standard().pixels(entries);
        float[][] out = run(OnnxGraphs.encoder(ModelKind.VAE, weights), "image", images, Canvas.PIXELS, List.of("mean", "logvar"));
        for (int n = 0; n < entries.length; n++) {
            float[] row = java.util.Arrays.copyOfRange(images, n * Canvas.PIXELS, (n + 1) * Canvas.PIXELS);
            for (int head = 0; head < 2; head++) {
                double[] expected = ReferenceMlp.forward(weights, row, head);
                for (int j = 0; j < 3; j++) {
                    assertThat((double) out[head][n * 3 + j]).isCloseTo(expected[j], within(1e-4));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decoderGivesLogitsAndTheirSigmoid(boolean layerNorm) throws Exception {
        MlpWeights weights = Fixtures.weights(4, List.of(8), List.of(Canvas.PIXELS), layerNorm, 12);
        float[] z = {0.5f, -1f, 2f, 0f, -0.3f, 0.1f, 0.2f, 1.5f};
        float[][] out = run(OnnxGraphs.decoder(weights), "z", z, 4, List.of("logits", "probs"));
        assertThat(out[0]).hasSize(2 * Canvas.PIXELS);
        for (int n = 0; n < 2; n++) {
            double[] expected = ReferenceMlp.forward(weights, java.util.Arrays.copyOfRange(z, n * 4, n * 4 + 4), 0);
            for (int j = 0; j < Canvas.PIXELS; j++) {
                float logit = out[0][n * Canvas.PIXELS + j];
                assertThat((double) logit).isCloseTo(expected[j], within(1e-4));
                assertThat((double) out[1][n * Canvas.PIXELS + j]).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void signaturesFollowTheContract(boolean vae) {
        ModelKind kind = vae ? ModelKind.VAE : ModelKind.AE;
        MlpWeights weights = Fixtures.weights(Canvas.PIXELS, List.of(8), vae ? List.of(5, 5) : List.of(5), false, 1);
        GraphSignature signature = GraphSignature.read(OnnxGraphs.encoder(kind, weights));
        assertThat(signature.inputNames()).containsExactly("image");
        assertThat(signature.outputNames()).isEqualTo(kind.encoderOutputs());
        assertThat(signature.inputs().get(0).isFloatBatchOf(Canvas.PIXELS)).isTrue();
        assertThat(signature.outputs()).allMatch(t -> t.isFloatBatchOf(5));
    }
}
