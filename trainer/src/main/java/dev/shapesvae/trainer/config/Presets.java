package dev.shapesvae.trainer.config;

import dev.shapesvae.repository.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Named starting configurations, kept as data: {@code presets/<name>.yaml} on the class path
 * (listed, in order, by {@code presets/index.txt}), read by {@link ConfigResolver} like a
 * {@code --config} file. A preset either gives every field or names another preset and gives what
 * it changes. {@code paper-vae} and {@code paper-ae} are the report's Table II (SPEC section 2);
 * {@code paper-ae-lr0.0003-e400} and {@code -e600} change only what their names say;
 * {@code quick-*} are small enough to fit in about a minute on 2 CPU cores and still draw
 * recognisable shapes.
 */
public final class Presets {
    private static final String FOLDER = "presets/";
    private static final List<String> NAMES = readNames();

    private Presets() {
    }

    /** The preset of that name, as the effective config it gives without a file or flags. */
    public static ModelConfig get(String name) {
        return ConfigResolver.resolve(Optional.of(name), Optional.empty(), ConfigOverrides.none());
    }

    /** Every preset name. */
    public static List<String> names() {
        return NAMES;
    }

    /** The YAML text of the preset of that name. */
    static String yaml(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (choose one of " + String.join(", ", NAMES) + ")");
        }
        return resource(FOLDER + name + ".yaml");
    }

    private static List<String> readNames() {
        return resource(FOLDER + "index.txt").lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String resource(String path) {
        try (InputStream in = Presets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the trainer's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", e);
        }
    }
}
