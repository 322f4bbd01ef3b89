package dev.shapesvae.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.dataset.BinaryImage;
import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.Shape;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Use it from Java" snippet of the repository's README.md, exactly as written there, compiles
 * against the library and runs against a small real model, doing what it says.
 */
class ReadmeSnippetTest {
    private static final String SECTION = "## Use it from Java";
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void theReadmesJavaSnippetCompilesAndSamplesWritesAPngAndEncodesAndDecodes() throws Exception {
        String snippet = snippet(readme());
        Matcher name = CLASS_NAME.matcher(snippet);
        assertThat(name.find()).as("a public class in the snippet:%n%s", snippet).isTrue();
        Path classes = compile(name.group(1), snippet);
        Path models = dir.resolve("models");
        Fixtures.writeBundle(new ModelRepository(models), "quick-vae", Fixtures.config(ModelKind.VAE, 4, true), 3);
        Path png = dir.resolve("samples.png");

        String printed = runMain(classes, name.group(1), models.toString(), png.toString());

        // What the snippet should have made, computed here from the model's raw outputs.
        BinaryImage circle = Shape.CIRCLE.draw(12, 14, 14);
        int wrong = 0;
        BufferedImage expectedGrid;
        try (GenerativeModel model = GenerativeModel.load(new ModelRepository(models).load("quick-vae", 1), InferenceOptions.cpu())) {
            float[] logits = model.decode(model.encode(FloatMatrix.ofImages(List.of(circle))).z()).logits().data();
            for (int p = 0; p < Canvas.PIXELS; p++) {
                wrong += (logits[p] > 0) != circle.isOn(p) ? 1 : 0;
            }
            expectedGrid = model.sample(16, 42, 1.0).grid(4);
        }
        assertThat(printed).isEqualTo("quick-vae version 1: samples of 28 x 28 = 784 pixels in " + png
                + "; a circle comes back with " + wrong + " of 784 pixels wrong" + System.lineSeparator());
        BufferedImage written = ImageIO.read(png.toFile());
        // Four cells of 28 x 3 pixels and five separators of 2: 4 x 84 + 5 x 2 = 346 a side.
        assertThat(written.getWidth()).isEqualTo(346);
        assertThat(written.getHeight()).isEqualTo(346);
        assertThat(written.getRaster().getSamples(0, 0, 346, 346, 0, (int[]) null))
                .containsExactly(expectedGrid.getRaster().getSamples(0, 0, 346, 346, 0, (int[]) null));
    }

    /** The README.md that has the section, in the working directory or the nearest folder above it. */
    private static String readme() throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            Path readme = folder.resolve("README.md");
            if (Files.isRegularFile(readme)) {
                String text = Files.readString(readme, StandardCharsets.UTF_8);
                if (text.contains("\n" + SECTION + "\n")) {
                    return text;
                }
            }
        }
        throw new AssertionError("no README.md with a '" + SECTION + "' section in " + start + " or above");
    }

    /** The first ```java block after the section's heading. */
    private static String snippet(String readme) {
        int section = readme.indexOf("\n" + SECTION + "\n");
        int open = readme.indexOf("\n```java\n", section);
        int next = readme.indexOf("\n## ", section + 1);
        assertThat(open).as("a ```java block in the section").isPositive();
        if (next > 0) {
            assertThat(open).as("the ```java block before the next section").isLessThan(next);
        }
        int start = open + "\n```java\n".length();
        int close = readme.indexOf("\n```\n", start);
        assertThat(close).as("the end of the ```java block").isPositive();
        return readme.substring(start, close + 1);
    }

    /** Compiles the snippet against this test's class path, failing with javac's messages. */
    private Path compile(String className, String source) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = Files.writeString(sources.resolve(className + ".java"), source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-Xlint:all");
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            assertThat(diagnostics.getDiagnostics()).as("javac's messages on the README's snippet").isEmpty();
            assertThat(compiled).isTrue();
        }
        return classes;
    }

    /** Runs {@code main} of the compiled class with these arguments and returns what it printed. */
    private static String runMain(Path classes, String className, String... args) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
