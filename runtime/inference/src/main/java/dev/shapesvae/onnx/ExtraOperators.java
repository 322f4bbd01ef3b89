package dev.shapesvae.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * ONNX operators that tribuo's {@code ONNXOperators} enum lacks and our networks need, each at the
 * version in force at {@link OnnxGraphs#OPSET}.
 */
public enum ExtraOperators implements ONNXOperator {
    /** max(x, 0). */
    RELU("Relu", 14, 1, 0, Map.of()),
    /** Normalises over the last axis, then scales and shifts: inputs X, scale, bias. */
    LAYER_NORMALIZATION("LayerNormalization", 17, 2, 1, Map.of(
            "axis", new ONNXAttribute("axis", AttributeType.INT, false),
            "epsilon", new ONNXAttribute("epsilon", AttributeType.FLOAT, false))),
    /** Index of the smallest value along an axis; the first one on ties. */
    ARG_MIN("ArgMin", 13, 1, 0, Map.of(
            "axis", new ONNXAttribute("axis", AttributeType.INT, false),
            "keepdims", new ONNXAttribute("keepdims", AttributeType.INT, false)));

    private final String opName;
    private final int version;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOperators(String opName, int version, int inputs, int optionalInputs, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
        this.version = version;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.attributes = attributes;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return version;
    }

    /**
     * The default domain, written as "" as the ONNX standard prescribes. ONNX Runtime also takes
     * "ai.onnx" as its alias, but the ONNX checker and other importers do not.
     */
    @Override
    public String getOpDomain() {
        return "";
    }
}
