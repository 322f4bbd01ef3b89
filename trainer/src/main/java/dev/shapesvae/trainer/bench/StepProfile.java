package dev.shapesvae.trainer.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where the time of traced training steps went: for each TensorFlow op type (as the kernel
 * reports it, e.g. {@code _MklMatMul}), the microseconds its nodes ran, summed over nodes and
 * steps. Ops run concurrently, so the sum can exceed the steps' wall time; read the shares.
 *
 * @param steps how many steps were traced
 * @param microsByOpType summed kernel time per op type
 */
public record StepProfile(int steps, Map<String, Long> microsByOpType) {

    public StepProfile {
        microsByOpType = Map.copyOf(microsByOpType);
    }

    /** One op type's share of the traced time. */
    public record OpTime(String opType, double millisPerStep, double share) {
    }

    /** No steps traced yet: the start of a sum of {@link #plus} calls. */
    public static StepProfile empty() {
        return new StepProfile(0, Map.of());
    }

    /** The profile of one traced step, from its run metadata ({@code ModelGraph.tracedTrainStep}). */
    public static StepProfile of(RunMetadata metadata) {
        Map<String, Long> micros = new TreeMap<>();
        metadata.getStepStats().getDevStatsList().forEach(device -> device.getNodeStatsList()
                .forEach(node -> micros.merge(opType(node), node.getAllEndRelMicros(), Long::sum)));
        return new StepProfile(1, micros);
    }

    /** The node's op type: its timeline label reads "name = OpType(inputs)"; the node name is the fallback. */
    static String opType(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int equals = label.indexOf(" = ");
        if (equals < 0) {
            return node.getNodeName();
        }
        int paren = label.indexOf('(', equals);
        return label.substring(equals + 3, paren < 0 ? label.length() : paren);
    }

    /** The two profiles' times added, as if traced in one run. */
    public StepProfile plus(StepProfile other) {
        Map<String, Long> micros = new TreeMap<>(microsByOpType);
        other.microsByOpType.forEach((type, us) -> micros.merge(type, us, Long::sum));
        return new StepProfile(steps + other.steps, micros);
    }

    public long totalMicros() {
        return microsByOpType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code count} op types with the most time, most first. */
    public List<OpTime> top(int count) {
        double total = totalMicros();
        return microsByOpType.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(count)
                .map(e -> new OpTime(e.getKey(), e.getValue() / 1e3 / steps, total == 0 ? 0 : e.getValue() / total))
                .toList();
    }
}
