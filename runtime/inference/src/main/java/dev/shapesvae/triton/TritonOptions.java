package dev.shapesvae.triton;

import java.util.Locale;

/**
 * How Triton is to run each exported model: the largest batch one request or the dynamic batcher
 * may form, how long the batcher waits to fill a batch, and how many instances run where.
 *
 * @param maxBatchSize rows per batch at most (Triton's {@code max_batch_size})
 * @param maxQueueDelayMicroseconds how long a request may wait for others to batch with
 * @param instances model instances per device (the instance group's {@code count})
 * @param device where the instances run
 */
public record TritonOptions(int maxBatchSize, long maxQueueDelayMicroseconds, int instances, Device device) {
    /** As many rows as {@code runtime serve} takes in one request by default ({@code --max-count}). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 4096;
    /** A tenth of a millisecond: batches requests that arrive together at little cost to latency. */
    public static final long DEFAULT_MAX_QUEUE_DELAY_MICROSECONDS = 100;

    public TritonOptions {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("--max-batch-size must be at least 1, got " + maxBatchSize);
        }
        if (maxQueueDelayMicroseconds < 0) {
            throw new IllegalArgumentException("--max-queue-delay must not be negative, got " + maxQueueDelayMicroseconds);
        }
        if (instances < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, got " + instances);
        }
        if (device == null) {
            throw new IllegalArgumentException("device is missing");
        }
    }

    /** The defaults: batches of up to 4096 rows, 100 microseconds of batching delay, one instance where Triton chooses. */
    public static TritonOptions defaults() {
        return new TritonOptions(DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_QUEUE_DELAY_MICROSECONDS, 1, Device.AUTO);
    }

    /** Where Triton runs a model's instances: its instance group's {@code kind}. */
    public enum Device {
        /** On the GPUs if Triton has any, else on the CPU. */
        AUTO("KIND_AUTO"),
        CPU("KIND_CPU"),
        /** On every GPU Triton sees. */
        CUDA("KIND_GPU");

        private final String instanceKind;

        Device(String instanceKind) {
            this.instanceKind = instanceKind;
        }

        /** The value of Triton's {@code ModelInstanceGroup.Kind}. */
        public String instanceKind() {
            return instanceKind;
        }

        /** Parses auto, cpu or cuda (gpu is taken too), as {@code runtime serve --device} names them. */
        public static Device parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "cpu" -> CPU;
                case "cuda", "gpu" -> CUDA;
                default -> throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + text + "'");
            };
        }
    }
}
