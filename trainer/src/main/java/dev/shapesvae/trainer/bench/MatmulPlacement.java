package dev.shapesvae.trainer.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where a traced training step ran its matrix products: how many nodes of a MatMul op type
 * ({@code MatMul}, {@code _FusedMatMul}, oneDNN's {@code _MklMatMul}, ...) each device ran, as
 * TensorFlow's step stats report them. The check that a GPU run really multiplies on the GPU, not
 * on the CPU through soft placement.
 *
 * @param nodesByDevice MatMul nodes per device, by short name ({@code GPU:0}, {@code CPU:0})
 */
public record MatmulPlacement(Map<String, Integer> nodesByDevice) {
    /** "/job:localhost/replica:0/task:0/device:GPU:0"; per-stream and memcpy entries of a GPU trace have a suffix and are not devices. */
    private static final Pattern DEVICE = Pattern.compile("(?:^|/)device:([A-Za-z_]+:\\d+)$");

    /** Copies the counts, sorted by device. */
    public MatmulPlacement {
        nodesByDevice = Map.copyOf(nodesByDevice);
    }

    /** The placement in one traced step's run metadata ({@code ModelGraph.tracedTrainStep}). */
    public static MatmulPlacement of(RunMetadata metadata) {
        Map<String, Integer> nodes = new TreeMap<>();
        for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            Matcher name = DEVICE.matcher(device.getDevice());
            if (!name.find()) {
                continue;
            }
            long matmuls = device.getNodeStatsList().stream().filter(node -> StepProfile.opType(node).contains("MatMul")).count();
            if (matmuls > 0) {
                nodes.merge(name.group(1), (int) matmuls, Integer::sum);
            }
        }
        return new MatmulPlacement(nodes);
    }

    /** Whether there were matrix products and every one ran on a device of this type ({@code GPU}, {@code CPU}). */
    public boolean allOn(String deviceType) {
        return !nodesByDevice.isEmpty() && nodesByDevice.keySet().stream().allMatch(device -> device.startsWith(deviceType + ":"));
    }

    /** The counts in one line, by device: {@code GPU:0 24}, or {@code CPU:0 4, GPU:0 20}; {@code none} without matrix products. */
    @Override
    public String toString() {
        return nodesByDevice.isEmpty() ? "none" : new TreeMap<>(nodesByDevice).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
