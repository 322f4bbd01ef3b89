package dev.shapesvae.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension;
import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exported model read as the ONNX standard defines it, from its {@code ModelProto}. Loading
 * a model in ONNX Runtime proves nothing here: it took "ai.onnx" as the default domain while the
 * ONNX checker rejected every one of our files for it.
 */
class OnnxModelProtoTest {
    /**
     * For each operator we use, the opset versions that changed it, from ONNX's operator
     * changelog (ONNX 1.12, the release of opset 17): the version in force at an opset is the
     * largest one not above it, and an operator does not exist before its first.
     */
    private static final Map<String, List<Integer>> OPERATOR_VERSIONS = Map.of(
            "Gemm", List.of(1, 6, 7, 9, 11, 13),
            "Relu", List.of(1, 6, 13, 14),
            "Sigmoid", List.of(1, 6, 13),
            "Identity", List.of(1, 13, 14, 16),
            "LayerNormalization", List.of(17),
            "ArgMin", List.of(1, 11, 12, 13));
    /** ONNX's versioning table: opset 17 came with IR version 8. */
    private static final long IR_VERSION_OF_OPSET_17 = 8;

    @TempDir
    static Path repository;

    private static Map<String, OnnxMl.ModelProto> models;

    @BeforeAll
    static void export() throws Exception {
        models = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> model : ExportedModels.all(repository).entrySet()) {
            models.put(model.getKey(), OnnxMl.ModelProto.parseFrom(model.getValue()));
        }
    }

    /** Called when the tests run, after {@link #export()}. */
    static Stream<String> labels() {
        return models.keySet().stream();
    }

    private static Set<String> initialiserNames(OnnxMl.GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        return names;
    }

    private static long importedVersion(OnnxMl.ModelProto model, String domain) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().equals(domain))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).findFirst().orElse(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void everyNodeIsInADomainTheModelImportsOnce(String label) {
        OnnxMl.ModelProto model = models.get(label);
        List<String> domains = model.getOpsetImportList().stream().map(OnnxMl.OperatorSetIdProto::getDomain).toList();
        assertThat(domains).doesNotHaveDuplicates().contains("");
        assertThat(model.getGraph().getNodeList()).isNotEmpty()
                .allSatisfy(node -> assertThat(node.getDomain()).as("domain of %s", node.getName()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void everyOperatorExistsInTheImportedOpsetAndTheIrVersionGoesWithIt(String label) {
        OnnxMl.ModelProto model = models.get(label);
        long opset = importedVersion(model, "");
        assertThat(opset).isEqualTo(OnnxModels.OPSET);
        assertThat(model.getIrVersion()).isEqualTo(IR_VERSION_OF_OPSET_17);
        for (OnnxMl.NodeProto node : model.getGraph().getNodeList()) {
            assertThat(OPERATOR_VERSIONS).as("operators we know the versions of").containsKey(node.getOpType());
            assertThat((long) OPERATOR_VERSIONS.get(node.getOpType()).get(0)).as("first opset of %s", node.getOpType()).isLessThanOrEqualTo(opset);
        }
    }

    @Test
    void ourOwnOperatorDefinitionsDeclareTheVersionInForceAtTheOpset() {
        for (ExtraOperators op : ExtraOperators.values()) {
            int inForce = OPERATOR_VERSIONS.get(op.getOpName()).stream().filter(v -> v <= OnnxModels.OPSET).reduce((a, b) -> b).orElseThrow();
            assertThat(op.getOpVersion()).as(op.getOpName()).isEqualTo(inForce);
            assertThat(op.getOpDomain()).as(op.getOpName()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void inputsAndOutputsAreTypedTensorsWithANamedBatchDimension(String label) {
        OnnxMl.GraphProto graph = models.get(label).getGraph();
        Set<String> initialisers = initialiserNames(graph);
        List<OnnxMl.ValueInfoProto> fed = graph.getInputList().stream().filter(v -> !initialisers.contains(v.getName())).toList();
        assertThat(fed).hasSize(1);
        assertThat(graph.getOutputList()).isNotEmpty();
        for (OnnxMl.ValueInfoProto value : Stream.concat(fed.stream(), graph.getOutputList().stream()).toList()) {
            OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
            assertThat(value.getType().hasTensorType()).as("%s is a tensor", value.getName()).isTrue();
            assertThat(tensor.getElemType()).as("element type of %s", value.getName())
                    .isIn(OnnxMl.TensorProto.DataType.FLOAT_VALUE, OnnxMl.TensorProto.DataType.INT64_VALUE);
            List<Dimension> dims = tensor.getShape().getDimList();
            assertThat(dims).as("shape of %s", value.getName()).isNotEmpty();
            assertThat(dims.get(0).getValueCase()).as("batch dimension of %s", value.getName()).isEqualTo(Dimension.ValueCase.DIM_PARAM);
            assertThat(dims.get(0).getDimParam()).isEqualTo("batch");
            assertThat(dims.subList(1, dims.size())).allSatisfy(d -> assertThat(d.getDimValue()).isPositive());
        }
        if (!label.equals("nearest-images")) {
            assertThat(Stream.concat(fed.stream(), graph.getOutputList().stream()))
                    .allSatisfy(v -> assertThat(v.getType().getTensorType().getElemType()).isEqualTo(OnnxMl.TensorProto.DataType.FLOAT_VALUE))
                    .allSatisfy(v -> assertThat(v.getType().getTensorType().getShape().getDimCount()).isEqualTo(2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void everyNodeReadsOnlyWhatIsDefinedBeforeIt(String label) {
        OnnxMl.GraphProto graph = models.get(label).getGraph();
        Set<String> defined = initialiserNames(graph);
        graph.getInputList().forEach(v -> defined.add(v.getName()));
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            assertThat(defined).as("inputs of %s", node.getName()).containsAll(node.getInputList());
            for (String output : node.getOutputList()) {
                assertThat(defined.add(output)).as("%s is assigned once", output).isTrue();
            }
        }
        assertThat(defined).containsAll(graph.getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
    }
}
