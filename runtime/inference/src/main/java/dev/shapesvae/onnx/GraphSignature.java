package dev.shapesvae.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The inputs and outputs of an ONNX graph, read from its serialised {@code ModelProto}. */
public record GraphSignature(List<TensorSignature> inputs, List<TensorSignature> outputs) {
    public GraphSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Parses an ONNX model. Initialisers listed among the inputs (older exporters do this) are not
     * inputs a caller feeds, so they are left out.
     *
     * @throws IllegalArgumentException if the bytes are not an ONNX model with a graph
     */
    public static GraphSignature read(byte[] onnx) {
        OnnxMl.GraphProto graph = OnnxModels.parse(onnx).getGraph();
        Set<String> initialisers = graph.getInitializerList().stream().map(OnnxMl.TensorProto::getName).collect(Collectors.toSet());
        List<TensorSignature> inputs = graph.getInputList().stream()
                .filter(v -> !initialisers.contains(v.getName()))
                .map(GraphSignature::tensor).toList();
        List<TensorSignature> outputs = graph.getOutputList().stream().map(GraphSignature::tensor).toList();
        return new GraphSignature(inputs, outputs);
    }

    /** Names of the inputs, in graph order. */
    public List<String> inputNames() {
        return inputs.stream().map(TensorSignature::name).toList();
    }

    /** Names of the outputs, in graph order. */
    public List<String> outputNames() {
        return outputs.stream().map(TensorSignature::name).toList();
    }

    private static TensorSignature tensor(OnnxMl.ValueInfoProto value) {
        OnnxMl.TypeProto.Tensor type = value.getType().getTensorType();
        List<Long> dims = type.getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? d.getDimValue() : -1L)
                .toList();
        return new TensorSignature(value.getName(), type.getElemType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber(), dims);
    }
}
