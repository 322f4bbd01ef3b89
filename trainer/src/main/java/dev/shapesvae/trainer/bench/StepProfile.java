package dev.shapesvae.trainer.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where the time of traced training steps went: for each TensorFlow op type (as the kernel
 * reports it, e.g. {@code _MklMatMul}) and the type of its output (e.g. {@code bfloat16}), the
 * microseconds its nodes ran, summed over nodes and steps. The output type tells a product run in
 * bfloat16 from one in float32, and a cast to bfloat16 from one back to float32. Ops run
 * concurrently, so the sum can exceed the steps' wall time; read the shares.
 *
 * @param steps how many steps were traced
 * @param microsByOpType summed kernel time per op type, keyed "OpType outputtype" ("_MklMatMul
 *     bfloat16"), or the op type alone where the trace gives no output
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

    /** The node's op type and its first output's type, such as {@code _MklMatMul bfloat16}. */
    static String opType(NodeExecStats node) {
        String type = node.getOutputCount() == 0 ? "" : " " + typeName(node.getOutput(0).getTensorDescription().getDtype());
        // The timeline label reads "name = OpType(inputs)"; the node name is the fallback.
        String label = node.getTimelineLabel();
        int equals = label.indexOf(" = ");
        if (equals < 0) {
            return node.getNodeName() + type;
        }
        int paren = label.indexOf('(', equals);
        return label.substring(equals + 3, paren < 0 ? label.length() : paren) + type;
    }

    /** DT_BFLOAT16 -> "bfloat16"; DT_FLOAT, DT_DOUBLE and DT_HALF by their widths, "float32" and so on. */
    private static String typeName(DataType type) {
        return switch (type) {
            case DT_FLOAT -> "float32";
            case DT_DOUBLE -> "float64";
            case DT_HALF -> "float16";
            default -> type.name().replaceFirst("^DT_", "").toLowerCase(Locale.ROOT);
        };
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
