package dev.shapesvae.cuda;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Loads NVIDIA libraries from the {@code org.bytedeco:cuda} redistributable jar
 * ({@code linux-x86_64-redist}: CUDA 12.6 and cuDNN 9.5) that the {@code -Pgpu} build puts on the
 * class path. JavaCPP's {@code Loader.cacheResource} extracts each into its cache
 * ({@code ~/.javacpp/cache}, shared with TensorFlow's own natives) and {@link System#load} loads
 * it there. Native code that opens a library by soname afterwards ({@code libcublasLt.so.12}
 * linked by ONNX Runtime's CUDA provider, {@code libcudart.so.12} opened by TensorFlow) gets the
 * loaded copy: the dynamic linker matches loaded libraries by soname before it searches any
 * path. So the host needs no CUDA of its own, only NVIDIA's driver ({@code libcuda.so.1}), which
 * no redistributable can bring.
 *
 * <p>The JNI classes of the redistributable ({@code org.bytedeco.cuda.global.cudart} and the
 * classes that inherit it) are not used: their wrapper library links the driver, so without one
 * they fail before any CUDA library is loaded, which would hide whether the libraries themselves load.
 */
public final class CudaLibraries {
    /**
     * cuDNN 9 with what it opens by name when it starts: {@code libcudnn.so.9} is a small front that
     * opens its graph, engine, heuristic, ops, cnn and adv parts, and its runtime-compiled engines
     * open NVRTC. Each after the libraries it links, {@code libcudnn.so.9} last.
     */
    public static final List<String> CUDNN = List.of("libnvrtc.so.12", "libnvrtc-builtins.so.12.6",
            "libcudnn_graph.so.9", "libcudnn_engines_precompiled.so.9", "libcudnn_engines_runtime_compiled.so.9",
            "libcudnn_heuristic.so.9", "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9", "libcudnn.so.9");
    /** Where the redistributable keeps the Linux x86-64 libraries, as a class path resource folder. */
    static final String FOLDER = "org/bytedeco/cuda/linux-x86_64/";
    private static final Pattern SONAME = Pattern.compile("lib[A-Za-z0-9_+-]+\\.so(\\.[0-9]+)+");

    private final ClassLoader classLoader;

    /** Loads from the class path of this library's own class loader (the application's). */
    public CudaLibraries() {
        this(CudaLibraries.class.getClassLoader());
    }

    /** Loads from the resources and the JavaCPP that {@code classLoader} sees. */
    CudaLibraries(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** How loading went: the libraries are not in this build, all of them loaded, or one failed. */
    public enum Status {
        /** The redistributable is not on the class path: the default build, or another platform than Linux x86-64. */
        ABSENT,
        /** Every library asked for is loaded. */
        LOADED,
        /** The redistributable is there but a library did not load; the detail names it and why. */
        FAILED
    }

    /**
     * The result of {@link #load}.
     *
     * @param status whether the libraries are absent, loaded or failed
     * @param detail one line for people: where they were loaded from, or what is missing or failed
     */
    public record Outcome(Status status, String detail) {
        /** Checks that both are given. */
        public Outcome {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Loads the libraries named by their sonames (such as {@code libcublasLt.so.12}), in the order
     * given (each after the libraries it links, though they are all extracted first so that a
     * library's own {@code $ORIGIN} search finds its neighbours either way). Loading a library
     * twice is harmless: the second time finds it loaded.
     *
     * @throws IllegalArgumentException when the list is empty or a name is not a soname
     */
    public Outcome load(List<String> sonames) {
        if (sonames.isEmpty()) {
            throw new IllegalArgumentException("no CUDA libraries named");
        }
        for (String soname : sonames) {
            if (!SONAME.matcher(soname).matches()) {
                throw new IllegalArgumentException("not a library soname: '" + soname + "' (expected a name like libcudart.so.12)");
            }
        }
        List<URL> resources = new ArrayList<>();
        for (String soname : sonames) {
            URL resource = classLoader.getResource(FOLDER + soname);
            if (resource == null) {
                return resources.isEmpty()
                        ? new Outcome(Status.ABSENT, "not in this build: the CUDA libraries come with the -Pgpu build (org.bytedeco:cuda, linux-x86_64-redist)")
                        : new Outcome(Status.FAILED, soname + " is not in the CUDA redistributable on the class path");
            }
            resources.add(resource);
        }
        Method cacheResource;
        try {
            cacheResource = Class.forName("org.bytedeco.javacpp.Loader", true, classLoader).getMethod("cacheResource", URL.class);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return new Outcome(Status.FAILED, "the CUDA redistributable is on the class path but JavaCPP's Loader is not (" + e + ")");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < sonames.size(); i++) {
            try {
                files.add(((File) cacheResource.invoke(null, resources.get(i))).toPath());
            } catch (InvocationTargetException e) {
                return new Outcome(Status.FAILED, sonames.get(i) + " could not be extracted into JavaCPP's cache: " + e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("JavaCPP's Loader.cacheResource is not public", e);
            }
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                System.load(files.get(i).toString());
            } catch (UnsatisfiedLinkError e) {
                return new Outcome(Status.FAILED, sonames.get(i) + ": " + e.getMessage());
            }
        }
        return new Outcome(Status.LOADED, files.size() + " libraries from " + files.get(0).getParent());
    }
}
