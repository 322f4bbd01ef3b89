package dev.shapesvae.repository;

import java.util.regex.Pattern;

/**
 * A latent sampler stored in a bundle besides the prior N(0, I), which every model offers without
 * a file: its name (such as {@code gmm}), the file in the version folder that holds it
 * ({@code sampler-<name>.json}), and that file's sha256, checked on every load like the ONNX files'.
 * The repository keeps the file's bytes; what they mean is the inference library's business.
 *
 * <p>The file is always {@link #fileName}{@code (name)}, and an entry naming another is refused:
 * model.json records it, as it records the ONNX files' hashes by file name, so that a reader sees
 * which file a hash is of, and every manifest written since the samplers carries it.
 */
public record SamplerEntry(String name, String file, String sha256) {
    /** The sampler every model offers, drawn from N(0, I): never stored, so never a name here. */
    public static final String PRIOR = "prior";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public SamplerEntry {
        checkName(name);
        if (!fileName(name).equals(file)) {
            throw new IllegalArgumentException("the file of sampler '" + name + "' must be " + fileName(name) + ", got '" + file + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("the sha256 of sampler '" + name + "' must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }

    /** The entry for a sampler file of these bytes. */
    public static SamplerEntry of(String name, byte[] contents) {
        return new SamplerEntry(name, fileName(name), Sha256.hex(contents));
    }

    /** The file a sampler of this name is stored in: {@code sampler-<name>.json}. */
    public static String fileName(String name) {
        return "sampler-" + checkName(name) + ".json";
    }

    /** Whether a file name is one a sampler's file would have, {@code sampler-<name>.json}, whatever the name. */
    public static boolean isSamplerFileName(String fileName) {
        return fileName.startsWith("sampler-") && fileName.endsWith(".json");
    }

    /** Checks a stored sampler's name: {@code [a-z][a-z0-9-]*}, at most 32 characters, and not {@value #PRIOR}. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid sampler name '" + name + "': use lower-case letters, digits and '-', "
                    + "starting with a letter, at most 32 characters");
        }
        if (name.equals(PRIOR)) {
            throw new IllegalArgumentException("'" + PRIOR + "' is the sampler every model has without a file; it cannot be stored");
        }
        return name;
    }
}
