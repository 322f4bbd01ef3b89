package dev.shapesvae.trainer.model;

import java.util.Locale;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Where TensorFlow runs: the CPU, or the first GPU when the {@code gpu} build finds one. */
public enum Device {
    CPU, GPU;

    /**
     * Resolves {@code auto}, {@code cpu} or {@code gpu} (also {@code cuda}). {@code auto} probes for a GPU; {@code gpu}
     * fails with an explanation when none is usable.
     */
    public static Device choose(String requested) {
        switch (requested.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return CPU;
            case "gpu", "cuda":
                if (!gpuAvailable()) {
                    throw new IllegalArgumentException("--device gpu: TensorFlow sees no GPU. Build with 'mvn -Pgpu package' "
                            + "(CUDA natives) on a machine with an NVIDIA driver, or use --device cpu");
                }
                return GPU;
            case "auto":
                return gpuAvailable() ? GPU : CPU;
            default:
                throw new IllegalArgumentException("--device must be auto, cpu or gpu, got '" + requested + "'");
        }
    }

    /** Places one small op on GPU 0 with soft placement off: it runs only if a GPU is really there. */
    public static boolean gpuAvailable() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            try (Session session = new Session(graph, ConfigProto.newBuilder().setAllowSoftPlacement(false).build());
                 Result result = session.runner().fetch(sum).run()) {
                return result.size() == 1;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Session options for this device: on the CPU, GPUs are hidden so that nothing lands there. */
    ConfigProto sessionConfig() {
        ConfigProto.Builder builder = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        if (this == CPU) {
            builder.putDeviceCount("GPU", 0);
        }
        return builder.build();
    }

    /** Lower-case name, as recorded in model.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
