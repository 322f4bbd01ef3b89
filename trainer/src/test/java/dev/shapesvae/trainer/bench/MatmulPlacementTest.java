package dev.shapesvae.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.trainer.config.Presets;
import dev.shapesvae.trainer.model.Device;
import dev.shapesvae.trainer.model.ModelGraph;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;

/** Counting where a traced step ran its matrix products: from hand-made step stats, and from a real step on the CPU. */
class MatmulPlacementTest {

    @Test
    void countsMatmulNodesPerDeviceAndIgnoresStreamsAndOtherOps() {
        RunMetadata metadata = RunMetadata.newBuilder().setStepStats(StepStats.newBuilder()
                .addDevStats(DeviceStepStats.newBuilder().setDevice("/job:localhost/replica:0/task:0/device:GPU:0")
                        .addNodeStats(node("dense/MatMul", "dense/MatMul = MatMul(x, w)"))
                        .addNodeStats(node("grad/MatMul_1", "grad/MatMul_1 = _FusedMatMul(g, w, b)"))
                        .addNodeStats(node("Relu", "Relu = Relu(dense/MatMul)")))
                // A GPU trace's per-stream view of the same kernels: not a device of its own.
                .addDevStats(DeviceStepStats.newBuilder().setDevice("/device:GPU:0/stream:all")
                        .addNodeStats(node("dense/MatMul", "dense/MatMul = MatMul(x, w)")))
                .addDevStats(DeviceStepStats.newBuilder().setDevice("/job:localhost/replica:0/task:0/device:CPU:0")
                        .addNodeStats(node("shape/MatMul", "shape/MatMul = _MklMatMul(a, b)"))
                        .addNodeStats(node("GatherV2", "GatherV2 = GatherV2(images, idx)"))))
                .build();

        MatmulPlacement placement = MatmulPlacement.of(metadata);

        assertThat(placement.nodesByDevice()).containsOnly(Map.entry("GPU:0", 2), Map.entry("CPU:0", 1));
        assertThat(placement).hasToString("CPU:0 1, GPU:0 2");
        assertThat(placement.allOn("GPU")).isFalse();
        assertThat(new MatmulPlacement(Map.of("GPU:0", 2, "GPU:1", 2)).allOn("GPU")).isTrue();
        assertThat(new MatmulPlacement(Map.of())).hasToString("none");
        assertThat(new MatmulPlacement(Map.of()).allOn("GPU")).isFalse();
    }

    @Test
    void aRealTrainingStepOnTheCpuMultipliesOnTheCpu() {
        ShapesDataset dataset = ShapesDataset.standard();
        try (ModelGraph graph = new ModelGraph(Presets.get("quick-ae"), dataset.pixels(IntStream.range(0, 256).toArray()),
                dataset.pixels(new int[] {0}), Device.CPU)) {
            MatmulPlacement placement = MatmulPlacement.of(graph.tracedTrainStep(IntStream.range(0, 128).toArray(), 1));

            // quick-ae has six dense layers: each multiplies once forward, and again backward.
            assertThat(placement.nodesByDevice()).containsOnlyKeys("CPU:0");
            assertThat(placement.nodesByDevice().get("CPU:0")).isGreaterThanOrEqualTo(6);
            assertThat(placement.allOn("CPU")).isTrue();
        }
    }

    private static NodeExecStats node(String name, String label) {
        return NodeExecStats.newBuilder().setNodeName(name).setTimelineLabel(label).build();
    }
}
