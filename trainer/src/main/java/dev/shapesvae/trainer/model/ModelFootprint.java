package dev.shapesvae.trainer.model;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.repository.ModelConfig;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a config asks of memory, worked out from its sizes before anything is allocated: the
 * trainable parameters, a lower bound on the bytes a training step needs (the weights, their
 * gradients, Adam's two moments, and one batch's activations with their gradients, in bf16 also
 * the bfloat16 copies of the weights and their gradients, and activations of half the size), and
 * the weights of the larger network, which one ONNX file must hold. The counts saturate at
 * {@link Long#MAX_VALUE}, so absurd sizes give huge numbers, never wrapped-around small ones.
 *
 * @param encoderParameters weights, biases and layer-norm parameters of the encoder
 * @param decoderParameters the same for the decoder
 * @param trainingBytes the least memory one training step needs
 */
public record ModelFootprint(ModelConfig config, long encoderParameters, long decoderParameters, long trainingBytes) {
    /** A protocol buffer, and so an ONNX file that holds its weights inline, cannot exceed 2 GiB. */
    public static final long ONNX_FILE_LIMIT = Integer.MAX_VALUE;
    private static final long FLOAT_BYTES = 4;
    private static final long BFLOAT16_BYTES = 2;
    /** Weights, gradients, and Adam's first and second moments: four floats per parameter. */
    private static final long FLOATS_PER_PARAMETER = 4;

    /** The footprint of a config, from its sizes alone. */
    public static ModelFootprint of(ModelConfig config) {
        int latent = config.latentDim();
        List<Integer> encoderHeads = config.kind() == ModelKind.VAE ? List.of(latent, latent) : List.of(latent);
        boolean norm = config.architecture().layerNorm();
        long encoder = parameters(Canvas.PIXELS, config.architecture().encoderHidden(), encoderHeads, norm);
        long decoder = parameters(latent, config.architecture().decoderHidden(), List.of(Canvas.PIXELS), norm);
        // Per example, every layer's output is kept for the backward pass, and so is its gradient.
        long activationsPerExample = plus(plus(Canvas.PIXELS, sum(config.architecture().encoderHidden())), sum(encoderHeads));
        activationsPerExample = plus(activationsPerExample, plus(sum(config.architecture().decoderHidden()), Canvas.PIXELS));
        long activations = times(2, times(config.hyperparameters().batchSize(), activationsPerExample));
        // In bf16 a parameter also has a bfloat16 copy for the products and a bfloat16 gradient, and activations are half the size.
        boolean bf16 = config.hyperparameters().precision() == Precision.BF16;
        long bytesPerParameter = FLOAT_BYTES * FLOATS_PER_PARAMETER + (bf16 ? 2 * BFLOAT16_BYTES : 0);
        long bytesPerActivation = bf16 ? BFLOAT16_BYTES : FLOAT_BYTES;
        return new ModelFootprint(config, encoder, decoder,
                plus(times(bytesPerParameter, plus(encoder, decoder)), times(bytesPerActivation, activations)));
    }

    /** Trainable parameters of both networks. */
    public long parameters() {
        return plus(encoderParameters, decoderParameters);
    }

    /**
     * Refuses a config that cannot be trained in {@code memoryBytes} or whose larger network would
     * not fit in an ONNX file, with one line that names the largest size and where it is set.
     */
    public void requireFits(long memoryBytes) {
        if (trainingBytes > memoryBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is too large: training would need at least %s of memory for %,d parameters (with their gradients and "
                            + "Adam's moments) and a batch's activations, and this machine has %s",
                    largestSize(), bytes(trainingBytes), parameters(), bytes(memoryBytes)));
        }
        long largest = Math.max(encoderParameters, decoderParameters);
        if (times(FLOAT_BYTES, largest) > ONNX_FILE_LIMIT) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is too large: the %s would have %,d parameters (%s), and an ONNX file holds at most 2 GiB",
                    largestSize(), encoderParameters >= decoderParameters ? "encoder" : "decoder", largest,
                    bytes(times(FLOAT_BYTES, largest))));
        }
    }

    /** {@link #requireFits(long)} against this machine's memory. */
    public void requireFitsOnThisMachine() {
        requireFits(machineMemory());
    }

    /**
     * The memory of this machine, or of its container when it has a limit (the JDK reads the
     * cgroup's); unbounded when the JDK cannot tell.
     */
    public static long machineMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getTotalMemorySize() > 0) {
            return sun.getTotalMemorySize();
        }
        return Long.MAX_VALUE;
    }

    /** The size setting with the largest value, which is the one to make smaller, with its flag. */
    private String largestSize() {
        int latent = config.latentDim();
        int encoder = max(config.architecture().encoderHidden());
        int decoder = max(config.architecture().decoderHidden());
        int batch = config.hyperparameters().batchSize();
        int largest = Math.max(Math.max(latent, batch), Math.max(encoder, decoder));
        if (largest == latent) {
            return "latent dimension " + latent + " (--latent, latentDim)";
        }
        if (largest == encoder) {
            return "encoder hidden width " + encoder + " (--encoder-hidden, architecture.encoderHidden)";
        }
        if (largest == decoder) {
            return "decoder hidden width " + decoder + " (--decoder-hidden, architecture.decoderHidden)";
        }
        return "batch size " + batch + " (--batch-size, hyperparameters.batchSize)";
    }

    private static long parameters(int inputs, List<Integer> hidden, List<Integer> heads, boolean layerNorm) {
        long count = 0;
        long width = inputs;
        for (int h : hidden) {
            count = plus(count, dense(width, h));
            if (layerNorm) {
                count = plus(count, times(2, h));
            }
            width = h;
        }
        for (int out : heads) {
            count = plus(count, dense(width, out));
        }
        return count;
    }

    private static long dense(long inputs, long outputs) {
        return plus(times(inputs, outputs), outputs);
    }

    private static long sum(List<Integer> values) {
        long total = 0;
        for (int v : values) {
            total = plus(total, v);
        }
        return total;
    }

    private static int max(List<Integer> values) {
        return values.isEmpty() ? 0 : Collections.max(values);
    }

    private static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** 1536 -> "1.5 KiB". */
    static String bytes(long count) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? count + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
