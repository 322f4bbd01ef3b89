package dev.shapesvae.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.export.OnnxGraphs;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.Precision;
import dev.shapesvae.testing.Fixtures;
import dev.shapesvae.trainer.model.ModelGraph;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiny model trained for a few steps exports to ONNX graphs that compute what TensorFlow computes.
 * One trained in bf16 too: its weights are float32 all along, and both the export and the graph's
 * evaluation path read them as they are.
 */
class ExportParityTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @ParameterizedTest
    @CsvSource({"VAE,false,FP32", "AE,false,FP32", "VAE,true,FP32", "AE,true,FP32", "VAE,true,BF16", "AE,false,BF16"})
    void onnxRuntimeMatchesTensorFlow(ModelKind kind, boolean layerNorm, Precision precision) throws Exception {
        ModelConfig fixture = Fixtures.config(kind, 3, layerNorm);
        ModelConfig config = new ModelConfig(kind, 3, fixture.architecture(), fixture.hyperparameters().withPrecision(precision));
        ShapesDataset dataset = ShapesDataset.standard();
        float[] train = dataset.pixels(java.util.stream.IntStream.range(0, 256).map(i -> i * 30).toArray());
        float[] valid = dataset.pixels(new int[] {1, 2, 3});
        try (ModelGraph model = new ModelGraph(config, train, valid)) {
            for (int step = 1; step <= 5; step++) {
                model.trainStep(java.util.stream.IntStream.range(0, 32).map(i -> i * 7 % 256).toArray(), step);
            }
            byte[] encoder = OnnxGraphs.encoder(kind, TrainedWeights.encoder(model));
            byte[] decoder = OnnxGraphs.decoder(TrainedWeights.decoder(model));

            float[] real = dataset.pixels(new int[] {0, 500, 4000, 7823});
            float[] random = uniform(4 * Canvas.PIXELS, 0, 1, 5);
            for (float[] images : List.of(real, random)) {
                List<float[]> tf = model.encode(images, 4);
                List<float[]> ort = run(encoder, "image", images, Canvas.PIXELS, kind.encoderOutputs());
                for (int i = 0; i < tf.size(); i++) {
                    assertThat(relativeL2(ort.get(i), tf.get(i))).as("encoder output %s", kind.encoderOutputs().get(i)).isLessThan(1e-5);
                }
            }
            float[] latents = uniform(6 * 3, -3, 3, 6);
            List<float[]> tf = model.decode(latents, 6);
            List<float[]> ort = run(decoder, "z", latents, 3, List.of("logits", "probs"));
            assertThat(relativeL2(ort.get(0), tf.get(0))).as("logits").isLessThan(1e-5);
            assertThat(relativeL2(ort.get(1), tf.get(1))).as("probs").isLessThan(1e-5);
        }
    }

    static double relativeL2(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - (double) expected[i]) * (actual[i] - (double) expected[i]);
            norm += (double) expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }

    private static float[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(lo, hi);
        }
        return values;
    }

    private static List<float[]> run(byte[] model, String input, float[] rows, int width, List<String> outputs) throws Exception {
        try (OrtSession session = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(rows), new long[] {rows.length / width, width});
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            List<float[]> out = new ArrayList<>();
            for (String name : outputs) {
                FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                out.add(values);
            }
            return out;
        }
    }
}
