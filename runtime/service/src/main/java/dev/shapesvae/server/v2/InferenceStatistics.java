package dev.shapesvae.server.v2;

import dev.shapesvae.server.v2.proto.GrpcService.InferStatistics;
import dev.shapesvae.server.v2.proto.GrpcService.ModelStatistics;
import dev.shapesvae.server.v2.proto.GrpcService.StatisticDuration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Inference statistics per served graph and version, kept the way Triton keeps them: requests
 * that succeeded and failed with their total time, and, for those that succeeded, the time spent
 * waiting for a worker (queue), reading the input (compute input), running the model (compute
 * infer) and preparing the outputs (compute output), the rows inferred and the model executions.
 *
 * <p>They answer the statistics extension and are exported to Prometheus under Triton's metric
 * names made into Prometheus' conventions: a counter ends in {@code _total}, a duration is in
 * seconds ({@code nv_inference_queue_duration_us} becomes
 * {@code nv_inference_queue_duration_seconds_total}). Statistics exist only for graphs that were
 * served when asked for, so names from requests never become labels.
 */
@Singleton
public final class InferenceStatistics {
    private static final double SECONDS_PER_NANO = 1e-9;

    private final MeterRegistry meters;
    private final ConcurrentMap<Key, Counters> byGraph = new ConcurrentHashMap<>();

    InferenceStatistics(MeterRegistry meters) {
        this.meters = meters;
    }

    private record Key(String graph, int version) {
    }

    /** The running totals of one graph version. */
    public static final class Counters {
        private final LongAdder success = new LongAdder();
        private final LongAdder successNs = new LongAdder();
        private final LongAdder failure = new LongAdder();
        private final LongAdder failureNs = new LongAdder();
        private final LongAdder queueNs = new LongAdder();
        private final LongAdder inputNs = new LongAdder();
        private final LongAdder inferNs = new LongAdder();
        private final LongAdder outputNs = new LongAdder();
        private final LongAdder rows = new LongAdder();
        private volatile long lastInferenceMillis;

        /** A request that succeeded: its phases in nanoseconds and the rows it inferred (one model execution). */
        public void success(long queue, long input, long infer, long output, int inferred) {
            queueNs.add(queue);
            inputNs.add(input);
            inferNs.add(infer);
            outputNs.add(output);
            successNs.add(queue + input + infer + output);
            rows.add(inferred);
            success.increment();
            lastInferenceMillis = System.currentTimeMillis();
        }

        /** A request that failed after {@code nanos}, waiting included. */
        public void failure(long nanos) {
            failureNs.add(nanos);
            failure.increment();
        }

        ModelStatistics toProto(String name, String version) {
            long successes = success.sum();
            return ModelStatistics.newBuilder().setName(name).setVersion(version).setLastInference(lastInferenceMillis)
                    .setInferenceCount(rows.sum()).setExecutionCount(successes)
                    .setInferenceStats(InferStatistics.newBuilder()
                            .setSuccess(duration(successes, successNs.sum()))
                            .setFail(duration(failure.sum(), failureNs.sum()))
                            .setQueue(duration(successes, queueNs.sum()))
                            .setComputeInput(duration(successes, inputNs.sum()))
                            .setComputeInfer(duration(successes, inferNs.sum()))
                            .setComputeOutput(duration(successes, outputNs.sum()))
                            .setCacheHit(duration(0, 0))
                            .setCacheMiss(duration(0, 0)))
                    .build();
        }

        private static StatisticDuration duration(long count, long ns) {
            return StatisticDuration.newBuilder().setCount(count).setNs(ns).build();
        }
    }

    /** The totals of a graph version, created (and exported) on first use. */
    public Counters of(GraphName graph, int version) {
        return byGraph.computeIfAbsent(new Key(graph.v2Name(), version), this::register);
    }

    /** Triton's statistics of a graph version: zeros before its first request. */
    public ModelStatistics statistics(GraphName graph, int version) {
        Counters counters = byGraph.get(new Key(graph.v2Name(), version));
        return (counters == null ? new Counters() : counters).toProto(graph.v2Name(), Integer.toString(version));
    }

    /**
     * One exported statistic, named after Triton's metric: ours is Triton's name with {@code _us}
     * made {@code _seconds} (Prometheus adds {@code _total} to a counter).
     */
    private record Metric(String triton, String help, ToDoubleFunction<Counters> value) {
        boolean duration() {
            return triton.endsWith("_us");
        }

        String name() {
            return (duration() ? triton.substring(0, triton.length() - "_us".length()) + "_seconds" : triton).replace('_', '.');
        }

        String description() {
            return help + " (Triton: " + triton + (duration() ? ", in microseconds)" : ")");
        }
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("nv_inference_request_success", "Inference requests that succeeded", c -> c.success.sum()),
            new Metric("nv_inference_request_failure", "Inference requests that failed", c -> c.failure.sum()),
            new Metric("nv_inference_count", "Rows inferred; each row of a batch counts once", c -> c.rows.sum()),
            new Metric("nv_inference_exec_count", "Model executions", c -> c.success.sum()),
            new Metric("nv_inference_request_duration_us",
                    "Time of every inference request, from its arrival at a worker's queue to its answer, failures included",
                    c -> seconds(c.successNs) + seconds(c.failureNs)),
            new Metric("nv_inference_queue_duration_us", "Time successful requests waited for a free worker", c -> seconds(c.queueNs)),
            new Metric("nv_inference_compute_input_duration_us", "Time successful requests spent reading their input tensors",
                    c -> seconds(c.inputNs)),
            new Metric("nv_inference_compute_infer_duration_us", "Time successful requests spent running the model", c -> seconds(c.inferNs)),
            new Metric("nv_inference_compute_output_duration_us", "Time successful requests spent preparing their output tensors",
                    c -> seconds(c.outputNs)));

    private static double seconds(LongAdder nanos) {
        return nanos.sum() * SECONDS_PER_NANO;
    }

    private Counters register(Key key) {
        Counters counters = new Counters();
        for (Metric metric : METRICS) {
            FunctionCounter.builder(metric.name(), counters, metric.value()).description(metric.description())
                    .tag("model", key.graph()).tag("version", Integer.toString(key.version())).register(meters);
        }
        return counters;
    }
}
