package dev.shapesvae.export;

import ai.onnx.proto.OnnxMl;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.onnx.ExtraOperators;
import dev.shapesvae.onnx.OnnxModels;
import dev.shapesvae.repository.ModelKind;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Builds the encoder and decoder graphs of the ONNX contract (SPEC section 3) from trained
 * weights, in evaluation mode: no dropout, no latent noise. The batch dimension is dynamic.
 */
public final class OnnxGraphs {
    private OnnxGraphs() {
    }

    /** The encoder: {@code image} [N, 784] to {@code mean}, {@code logvar} (VAE) or {@code z} (AE), each [N, L]. */
    public static byte[] encoder(ModelKind kind, MlpWeights weights) {
        if (weights.inputWidth() != Canvas.PIXELS) {
            throw new IllegalArgumentException("encoder must take " + Canvas.PIXELS + " inputs, takes " + weights.inputWidth());
        }
        List<String> outputs = kind.encoderOutputs();
        if (weights.heads().size() != outputs.size()) {
            throw new IllegalArgumentException("a " + kind.label() + " encoder has " + outputs.size() + " heads, got " + weights.heads().size());
        }
        ONNXContext ctx = new ONNXContext();
        ctx.setName("encoder");
        ONNXRef<?> hidden = hiddenStack(ctx, ctx.floatInput(ModelKind.ENCODER_INPUT, Canvas.PIXELS), weights);
        for (int i = 0; i < outputs.size(); i++) {
            DenseLayer head = weights.heads().get(i);
            dense(ctx, hidden, head, outputs.get(i)).assignTo(ctx.floatOutput(outputs.get(i), head.outputs()));
        }
        return OnnxModels.model(ctx.buildGraph(), "Encoder of a shapes-vae " + kind.label() + ": " + ModelKind.ENCODER_INPUT
                + " float32 [N, " + Canvas.PIXELS + "] -> " + String.join(", ", outputs) + " float32 [N, " + weights.heads().get(0).outputs() + "].");
    }

    /** The decoder: {@code z} [N, L] to {@code logits} and {@code probs} = sigmoid(logits), each [N, 784]. */
    public static byte[] decoder(MlpWeights weights) {
        if (weights.heads().size() != 1 || weights.heads().get(0).outputs() != Canvas.PIXELS) {
            throw new IllegalArgumentException("a decoder has one head of " + Canvas.PIXELS + " outputs");
        }
        ONNXContext ctx = new ONNXContext();
        ctx.setName("decoder");
        ONNXRef<?> hidden = hiddenStack(ctx, ctx.floatInput(ModelKind.DECODER_INPUT, weights.inputWidth()), weights);
        ONNXRef<?> logits = dense(ctx, hidden, weights.heads().get(0), "logits");
        logits.assignTo(ctx.floatOutput("logits", Canvas.PIXELS));
        logits.apply(ONNXOperators.SIGMOID).assignTo(ctx.floatOutput("probs", Canvas.PIXELS));
        return OnnxModels.model(ctx.buildGraph(), "Decoder of a shapes-vae model: " + ModelKind.DECODER_INPUT + " float32 [N, "
                + weights.inputWidth() + "] -> logits, probs = sigmoid(logits) float32 [N, " + Canvas.PIXELS + "].");
    }

    private static ONNXRef<?> hiddenStack(ONNXContext ctx, ONNXRef<?> input, MlpWeights weights) {
        ONNXRef<?> x = input;
        int index = 0;
        for (HiddenLayer layer : weights.hidden()) {
            String name = "hidden" + index++;
            x = dense(ctx, x, layer.dense(), name);
            if (layer.norm().isPresent()) {
                LayerNorm norm = layer.norm().get();
                x = ctx.operation(ExtraOperators.LAYER_NORMALIZATION,
                        List.<ONNXRef<?>>of(x, vector(ctx, name + "_scale", norm.scale()), vector(ctx, name + "_shift", norm.shift())),
                        name + "_norm", Map.<String, Object>of("axis", -1, "epsilon", norm.epsilon()));
            }
            x = ctx.operation(ExtraOperators.RELU, List.<ONNXRef<?>>of(x), name + "_relu");
        }
        return x;
    }

    private static ONNXRef<?> dense(ONNXContext ctx, ONNXRef<?> input, DenseLayer layer, String name) {
        float[] w = layer.weights();
        ONNXInitializer weights = ctx.floatTensor(name + "_w", List.of(layer.inputs(), layer.outputs()), (FloatBuffer b) -> b.put(w));
        ONNXInitializer bias = vector(ctx, name + "_b", layer.bias());
        return ctx.operation(ONNXOperators.GEMM, List.<ONNXRef<?>>of(input, weights, bias), name);
    }

    private static ONNXInitializer vector(ONNXContext ctx, String name, float[] values) {
        return ctx.floatTensor(name, List.of(values.length), (FloatBuffer b) -> b.put(values));
    }
}
