package dev.shapesvae.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.NodeOutput;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;
import org.tensorflow.proto.TensorDescription;

class StepProfileTest {

    @Test
    void sumsKernelTimePerOpTypeAcrossDevicesAndSteps() {
        RunMetadata metadata = RunMetadata.newBuilder().setStepStats(StepStats.newBuilder()
                .addDevStats(DeviceStepStats.newBuilder().setDevice("cpu:0")
                        .addNodeStats(node("MatMul", "MatMul = _MklMatMul(x, w)", 300))
                        .addNodeStats(node("gradients/MatMul", "gradients/MatMul = _MklMatMul(g, w)", 100))
                        .addNodeStats(node("_SOURCE", "", 0)))
                .addDevStats(DeviceStepStats.newBuilder().setDevice("cpu:1")
                        .addNodeStats(node("Relu", "Relu = Relu(MatMul)", 100))))
                .build();
        StepProfile one = StepProfile.of(metadata);
        assertThat(one.microsByOpType()).containsOnly(
                Map.entry("_MklMatMul", 400L), Map.entry("Relu", 100L), Map.entry("_SOURCE", 0L));
        assertThat(one.totalMicros()).isEqualTo(500);

        StepProfile two = one.plus(one);
        assertThat(two.steps()).isEqualTo(2);
        List<StepProfile.OpTime> top = two.top(2);
        // 800 us over 2 steps = 0.4 ms per step, 800 / 1000 of the time.
        assertThat(top).extracting(StepProfile.OpTime::opType).containsExactly("_MklMatMul", "Relu");
        assertThat(top.get(0).millisPerStep()).isCloseTo(0.4, within(1e-12));
        assertThat(top.get(0).share()).isCloseTo(0.8, within(1e-12));
        assertThat(top.get(1).millisPerStep()).isCloseTo(0.1, within(1e-12));
        assertThat(top.get(1).share()).isCloseTo(0.2, within(1e-12));
    }

    /** Where the trace gives a node's output, its type joins the op type: a bfloat16 product is told from a float32 one. */
    @Test
    void keysOpTypesByTheTypeOfTheirOutput() {
        RunMetadata metadata = RunMetadata.newBuilder().setStepStats(StepStats.newBuilder()
                .addDevStats(DeviceStepStats.newBuilder().setDevice("cpu:0")
                        .addNodeStats(node("MatMul", "MatMul = _MklMatMul(x, w)", 300, DataType.DT_BFLOAT16))
                        .addNodeStats(node("MatMul_1", "MatMul_1 = _MklMatMul(x, w)", 200, DataType.DT_BFLOAT16))
                        .addNodeStats(node("mmd/MatMul", "mmd/MatMul = _MklMatMul(z, z)", 50, DataType.DT_FLOAT))
                        .addNodeStats(node("Cast", "Cast = Cast(w)", 20, DataType.DT_BFLOAT16))
                        .addNodeStats(node("Cast_1", "Cast_1 = Cast(g)", 30, DataType.DT_FLOAT))
                        .addNodeStats(node("Keep", "Keep = GreaterEqual(d, t)", 5, DataType.DT_BOOL))
                        .addNodeStats(node("Stats", "Stats = Mean(x)", 7, DataType.DT_DOUBLE))))
                .build();
        assertThat(StepProfile.of(metadata).microsByOpType()).containsOnly(Map.entry("_MklMatMul bfloat16", 500L),
                Map.entry("_MklMatMul float32", 50L), Map.entry("Cast bfloat16", 20L), Map.entry("Cast float32", 30L),
                Map.entry("GreaterEqual bool", 5L), Map.entry("Mean float64", 7L));
    }

    private static NodeExecStats node(String name, String label, long micros, DataType output) {
        return node(name, label, micros).toBuilder().addOutput(NodeOutput.newBuilder().setSlot(0)
                .setTensorDescription(TensorDescription.newBuilder().setDtype(output))).build();
    }

    private static NodeExecStats node(String name, String label, long micros) {
        return NodeExecStats.newBuilder().setNodeName(name).setTimelineLabel(label).setAllEndRelMicros(micros).build();
    }
}
