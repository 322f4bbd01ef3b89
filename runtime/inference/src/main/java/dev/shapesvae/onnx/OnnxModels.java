package dev.shapesvae.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;

/**
 * Serialised ONNX models that every ONNX tool accepts, not only the lenient ONNX Runtime: every
 * node in the default domain "", one opset import that covers them all, the IR version that goes
 * with that opset, and the producer's name and version. What a graph is (its name, version and
 * provenance) is stamped on later by {@link ModelMetadata}.
 */
public final class OnnxModels {
    /** Default-domain opset every graph is built for (LayerNormalization needs 17). */
    public static final int OPSET = 17;
    /** ONNX IR version 8 goes with opset 17 (ONNX 1.12). */
    static final long IR_VERSION = 8;
    static final String PRODUCER = "shapes-vae";
    /** The version Maven wrote into the jar's manifest; classes run from a build folder have none. */
    static final String PRODUCER_VERSION = Optional.ofNullable(OnnxModels.class.getPackage().getImplementationVersion())
            .orElse("development build");

    private OnnxModels() {
    }

    /**
     * The model of a graph built with tribuo's {@code ONNXContext}.
     *
     * @throws IllegalStateException if a node is outside the default domain (a bug in an operator's definition)
     */
    public static byte[] model(OnnxMl.GraphProto graph, String docString) {
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            if (!node.getDomain().isEmpty()) {
                throw new IllegalStateException("node " + node.getName() + " (" + node.getOpType() + ") is in domain '"
                        + node.getDomain() + "'; every operator must be in the default domain \"\"");
            }
        }
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setProducerVersion(PRODUCER_VERSION)
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /**
     * Parses a serialised model.
     *
     * @throws IllegalArgumentException if the bytes are not an ONNX model with a graph that has outputs
     */
    static OnnxMl.ModelProto parse(byte[] onnx) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getOutputCount() == 0) {
            throw new IllegalArgumentException("not an ONNX model: no graph with outputs");
        }
        return model;
    }
}
