package dev.shapesvae.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --device}, where a command computes, as a Picocli mixin: {@code auto} (a GPU when one is
 * usable, else the CPU), {@code cpu}, or {@code gpu}, which every program also accepts as
 * {@code cuda}. Each program decides what the choice means for its engine (TensorFlow's device,
 * ONNX Runtime's execution provider, Triton's instance kind) and refuses one it cannot use.
 */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (also: cuda) (default: ${DEFAULT-VALUE}).")
    String device;

    /** The choice in lower case, as given: auto, cpu, gpu or cuda (checked by the program that uses it). */
    public String text() {
        return device.toLowerCase(Locale.ROOT);
    }
}
