package dev.shapesvae.inference;

import java.util.Objects;
import java.util.Optional;

/**
 * How models are run: the execution provider (empty = try CUDA, fall back to CPU), ONNX Runtime's
 * intra-op threads (0 = its default, one per core), and the largest batch sent in one run.
 * Build one with named options, leaving the rest at their defaults:
 *
 * <pre>{@code
 * InferenceOptions options = InferenceOptions.builder()
 *         .provider(ExecutionProvider.CPU)
 *         .intraOpThreads(2)
 *         .build();
 * }</pre>
 *
 * @param provider where ONNX Runtime runs; empty chooses CUDA when it can be used, else the CPU
 * @param intraOpThreads ONNX Runtime's threads within one run; 0 leaves its default
 * @param maxBatch the most rows sent to ONNX Runtime in one run; larger inputs are split
 */
public record InferenceOptions(Optional<ExecutionProvider> provider, int intraOpThreads, int maxBatch) {
    /**
     * Rows per run unless set otherwise: enough that the per-run overhead vanishes against the
     * matrix products, few enough that one batch's [N, 784] outputs stay at a few megabytes.
     */
    public static final int DEFAULT_MAX_BATCH = 1024;
    /** ONNX Runtime's own choice of intra-op threads: one per core. */
    public static final int DEFAULT_INTRA_OP_THREADS = 0;

    /** Checks the values, naming the bad one. */
    public InferenceOptions {
        Objects.requireNonNull(provider, "provider (use Optional.empty() for auto)");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
        }
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("max batch must be positive, got " + maxBatch);
        }
    }

    /** Every option at its default: CUDA if ONNX Runtime can use it here, else the CPU; default threads; batches of {@value #DEFAULT_MAX_BATCH}. */
    public static InferenceOptions defaults() {
        return builder().build();
    }

    /** The defaults on the CPU, whatever the machine has. */
    public static InferenceOptions cpu() {
        return builder().provider(ExecutionProvider.CPU).build();
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets options by name; whatever is not set keeps its default. Values are checked by {@link #build()}. */
    public static final class Builder {
        private Optional<ExecutionProvider> provider = Optional.empty();
        private int intraOpThreads = DEFAULT_INTRA_OP_THREADS;
        private int maxBatch = DEFAULT_MAX_BATCH;

        private Builder() {
        }

        /** Runs on this provider; {@link GenerativeModel#open} refuses it, saying why, where ONNX Runtime cannot use it. */
        public Builder provider(ExecutionProvider provider) {
            return provider(Optional.of(provider));
        }

        /** Runs on this provider, or, when empty, on CUDA if it can be used and the CPU otherwise (as {@link ExecutionProvider#parse} returns it). */
        public Builder provider(Optional<ExecutionProvider> provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** ONNX Runtime's threads within one run; 0 (the default) leaves ONNX Runtime's own choice. */
        public Builder intraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        /** The most rows sent to ONNX Runtime in one run (default {@value InferenceOptions#DEFAULT_MAX_BATCH}). */
        public Builder maxBatch(int rows) {
            this.maxBatch = rows;
            return this;
        }

        /** The options, checked: negative threads or a batch below 1 are refused with the value. */
        public InferenceOptions build() {
            return new InferenceOptions(provider, intraOpThreads, maxBatch);
        }
    }
}
