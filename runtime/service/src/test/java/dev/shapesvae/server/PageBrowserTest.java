package dev.shapesvae.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.inference.InferenceOptions;
import dev.shapesvae.repository.ModelKind;
import dev.shapesvae.repository.ModelRepository;
import dev.shapesvae.testing.Fixtures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at {@code /} in a real browser: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver, against a real server on a random port over fixture models. Runs with
 * {@code mvn verify -Pbrowser} (see {@code .ci/run}); the plain build leaves it out.
 */
@Tag("browser")
@Timeout(180)
class PageBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int MAX_COUNT = 64;
    // Selenium warns once that it has no DevTools module for this Chromium: the test uses none.
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    @TempDir
    static Path root;

    private static ShapesServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        ModelRepository repository = new ModelRepository(root.resolve("models"));
        Fixtures.writeBundle(repository, "ae", Fixtures.config(ModelKind.AE, 2, false), 1);
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 2);
        Fixtures.writeBundle(repository, "vae", Fixtures.config(ModelKind.VAE, 3, false), 3);
        Fixtures.writeBundleWithMixture(repository, "mixed", Fixtures.config(ModelKind.VAE, 3, false), 4);
        server = ShapesServer.start(ServerSettings.of(repository.root(), InferenceOptions.cpu(), 2, MAX_COUNT, 1 << 20), "127.0.0.1", 0);

        ChromeOptions options = new ChromeOptions();
        // Both programs named explicitly, so that Selenium Manager never looks for (or downloads) others.
        options.setBinary(onPath("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(onPath("chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    private static File onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst().map(Path::toFile)
                .orElseThrow(() -> new IllegalStateException("no '" + program + "' on the PATH; the browser tests need Debian's "
                        + "chromium and chromium-driver (apt-get install -y chromium chromium-driver)"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openThePage() {
        browserErrors(); // those of the test before
        browser.get(server.uri() + "/");
        waitFor("the page to load its models, samples and entry",
                () -> "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        waitFor("the samples", () -> !canvases("#samples canvas").isEmpty());
    }

    private static void waitFor(String what, Supplier<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "waiting for " + what).until(driver -> condition.get());
    }

    /** The pixels of each matching canvas, as PNG data URLs: equal strings, equal images. */
    private static List<String> canvases(String selector) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), c => c.toDataURL());", selector);
        return urls;
    }

    private static String canvas(String id) {
        return canvases("#" + id).get(0);
    }

    private static WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private static void type(String id, String text) {
        WebElement input = element(id);
        input.clear();
        input.sendKeys(text);
    }

    /** The browser's console and network errors since the last call (reading them clears them). */
    private static List<LogEntry> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    @Test
    void drawsSamplesAndMovesTheSliderWithoutAnyBrowserError() {
        assertThat(element("model-info").getText()).isEqualTo("ae version 1: AE, 2 latent dimensions · trained 1 epoch on cpu in 0.1 s");
        assertThat(canvases("#samples canvas")).hasSize(64);
        assertThat(element("sampler-field").isDisplayed()).as("the ae has no sampler to choose").isFalse();

        List<String> seedOne = canvases("#samples canvas");
        type("seed", "2");
        element("draw").click();
        waitFor("samples of seed 2", () -> !canvases("#samples canvas").equals(seedOne));
        assertThat(canvases("#samples canvas")).hasSize(64).doesNotHaveDuplicates();

        new Actions(browser).moveToElement(browser.findElement(By.cssSelector("#samples .cell"))).perform();
        assertThat(element("sample-detail").getText())
                .matches("Sample 1: nearest valid shape: (square|circle|triangle) of size \\d+ at x \\d+, y \\d+; "
                        + "distance \\d+\\.\\d\\d, (within|beyond) the coverage threshold");

        String decoded = canvas("decoded");
        String valueBefore = element("value-out").getText();
        WebElement slider = element("value");
        slider.sendKeys(Keys.END);
        waitFor("the image decoded at the slider's end", () -> !canvas("decoded").equals(decoded));
        assertThat(element("value-out").getText()).isNotEqualTo(valueBefore).isEqualTo(slider.getDomProperty("max") + ".00");
        String atTheEnd = canvas("decoded");
        slider.sendKeys(Keys.HOME);
        waitFor("the image decoded at the slider's start", () -> !canvas("decoded").equals(atTheEnd));

        String atTheStart = canvas("decoded");
        element("zero").click();
        waitFor("the image decoded with the dimension at zero", () -> !canvas("decoded").equals(atTheStart));
        assertThat(element("value-out").getText()).isEqualTo("0.00");
        assertThat(browser.findElement(By.cssSelector("#z-values .current")).getText()).endsWith("+0.00");

        assertThat(browserErrors()).as("the browser's console").isEmpty();
    }

    @Test
    void switchingModelOrVersionRedrawsWithThatModel() {
        List<String> aeSamples = canvases("#samples canvas");
        new Select(element("model")).selectByValue("vae");
        waitFor("the vae's samples", () -> !canvases("#samples canvas").equals(aeSamples));
        assertThat(element("model-info").getText()).startsWith("vae version 2: VAE, 3 latent dimensions");
        assertThat(new Select(element("dim")).getOptions()).extracting(WebElement::getText).containsExactly("z0", "z1", "z2");
        assertThat(element("manifest-link").getDomProperty("href")).isEqualTo(server.uri() + "/api/models/vae/manifest?version=2");
        waitFor("the traversal strip", () -> canvases("#traversal canvas").size() == 7);

        List<String> newest = canvases("#samples canvas");
        new Select(element("version")).selectByValue("1");
        waitFor("version 1's samples", () -> !canvases("#samples canvas").equals(newest));
        assertThat(element("manifest-link").getDomProperty("href")).endsWith("/api/models/vae/manifest?version=1");
        assertThat(browserErrors()).as("the browser's console").isEmpty();
    }

    @Test
    void aModelWithAStoredSamplerOffersItAndDrawsFromIt() {
        List<String> aeSamples = canvases("#samples canvas");
        new Select(element("model")).selectByValue("mixed");
        waitFor("the mixed model's samples", () -> !canvases("#samples canvas").equals(aeSamples)
                && "false".equals(element("samples-section").getDomAttribute("aria-busy")));
        assertThat(element("sampler-field").isDisplayed()).isTrue();
        assertThat(new Select(element("sampler")).getOptions()).extracting(WebElement::getText).containsExactly("prior", "gmm");

        List<String> fromPrior = canvases("#samples canvas");
        new Select(element("sampler")).selectByValue("gmm");
        element("draw").click();
        waitFor("the gmm's samples", () -> !canvases("#samples canvas").equals(fromPrior));
        assertThat(canvases("#samples canvas")).hasSize(64);
        assertThat(browserErrors()).as("the browser's console").isEmpty();
    }

    @Test
    void encodesTheChosenEntryAndShowsItsPixelsBesideItsReconstruction() {
        String reconstruction = canvas("reconstruction");
        new Select(element("shape")).selectByValue("triangle");
        new Select(element("size")).selectByValue("12");
        type("x", "11");
        type("y", "4");
        element("encode").click();
        waitFor("the triangle's reconstruction", () -> !canvas("reconstruction").equals(reconstruction));

        ShapeEntry triangle = ShapesDataset.standard().entries().stream()
                .filter(e -> e.describe().equals("triangle s=12 x=11 y=4")).findFirst().orElseThrow();
        assertThat(element("entry-detail").getText()).startsWith("Entry " + triangle.index() + " of the dataset (triangle of size 12 at x 11, y 4)");
        assertThat(element("entry-ranges").getText()).isEqualTo("A triangle of size 12 has x from 10 to 18 and y from 0 to 18.");
        // The canvas shows the dataset's pixels exactly: white where the triangle is, black elsewhere.
        @SuppressWarnings("unchecked")
        List<Long> red = (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "const d = document.getElementById('entry-image').getContext('2d').getImageData(0, 0, 28, 28).data;"
                        + "return Array.from({length: 784}, (_, i) => d[4 * i]);");
        float[] expected = triangle.image().toFloats();
        for (int i = 0; i < Canvas.PIXELS; i++) {
            assertThat(red.get(i)).as("pixel %d", i).isEqualTo(expected[i] > 0 ? 255L : 0L);
        }
        assertThat(browserErrors()).as("the browser's console").isEmpty();
    }

    @Test
    void showsTheServicesRefusalsInWords() {
        assertThat(element("samples-error").isDisplayed()).isFalse();
        type("count", String.valueOf(MAX_COUNT + 1));
        element("draw").click();
        waitFor("the sampling error", () -> element("samples-error").isDisplayed());
        assertThat(element("samples-error").getText())
                .isEqualTo("Drawing samples failed: 'count' must be between 1 and 64, got 65 (HTTP 400)");

        type("x", "40");
        element("encode").click();
        waitFor("the encoding error", () -> element("entry-error").isDisplayed());
        assertThat(element("entry-error").getText())
                .isEqualTo("Encoding the entry failed: 'x' must be between 5 and 23 for a circle of size 10, got 40 (HTTP 400)");

        // Chromium logs each refused request itself; those two are all it logged.
        assertThat(browserErrors()).extracting(LogEntry::getMessage).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("the server responded with a status of 400"))
                .anySatisfy(m -> assertThat(m).contains("/api/models/ae/sample"))
                .anySatisfy(m -> assertThat(m).contains("/api/dataset/entry"));

        type("count", "4");
        element("draw").click();
        waitFor("the sampling error to clear", () -> !element("samples-error").isDisplayed());
        assertThat(canvases("#samples canvas")).hasSize(4);
    }
}
