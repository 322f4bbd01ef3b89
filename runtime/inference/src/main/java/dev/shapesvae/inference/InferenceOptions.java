package dev.shapesvae.inference;

import java.util.Optional;

/**
 * How models are run: the execution provider (empty = try CUDA, fall back to CPU), ONNX Runtime's
 * intra-op threads (0 = its default, one per core), and the largest batch sent in one run.
 */
public record InferenceOptions(Optional<ExecutionProvider> provider, int intraOpThreads, int maxBatch) {
    public InferenceOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
        }
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("max batch must be positive, got " + maxBatch);
        }
    }

    /** CPU, default threads, batches of 1024. */
    public static InferenceOptions cpu() {
        return new InferenceOptions(Optional.of(ExecutionProvider.CPU), 0, 1024);
    }
}
