package dev.shapesvae.repository;

import java.util.List;
import java.util.Map;

/**
 * The ONNX side of a bundle: the opset both graphs were built for, their tensor names, and the
 * sha256 (lower-case hex) of each file.
 */
public record OnnxInfo(int opset, TensorNames encoder, TensorNames decoder, Map<String, String> sha256) {
    public OnnxInfo {
        Checks.positive("opset", opset);
        Checks.present("encoder tensor names", encoder);
        Checks.present("decoder tensor names", decoder);
        sha256 = Map.copyOf(Checks.present("sha256", sha256));
    }

    /** Input and output tensor names of one graph. */
    public record TensorNames(List<String> inputs, List<String> outputs) {
        public TensorNames {
            inputs = List.copyOf(Checks.present("inputs", inputs));
            outputs = List.copyOf(Checks.present("outputs", outputs));
        }
    }

    /** The signatures the ONNX contract prescribes for a kind. */
    public static OnnxInfo forKind(ModelKind kind, int opset, Map<String, String> sha256) {
        return new OnnxInfo(opset,
                new TensorNames(List.of(ModelKind.ENCODER_INPUT), kind.encoderOutputs()),
                new TensorNames(List.of(ModelKind.DECODER_INPUT), ModelKind.DECODER_OUTPUTS),
                sha256);
    }
}
