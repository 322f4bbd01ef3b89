package dev.shapesvae.server;

import dev.shapesvae.dataset.Canvas;
import dev.shapesvae.dataset.ShapeEntry;
import dev.shapesvae.dataset.ShapesDataset;
import dev.shapesvae.image.ImageGrid;
import dev.shapesvae.image.Png;
import dev.shapesvae.inference.Decoding;
import dev.shapesvae.inference.Encoding;
import dev.shapesvae.inference.FloatMatrix;
import dev.shapesvae.inference.GenerativeModel;
import dev.shapesvae.repository.ModelManifest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The REST API under {@code /api}: models, sampling, encoding, decoding, reconstruction and
 * traversals. Not final: Micronaut checks the {@code @Valid} bodies in a subclass it generates.
 */
@Controller("/api")
@ExecuteOn(ShapesServer.INFERENCE_EXECUTOR)
@ErrorResponses
@Tag(name = "models")
public class ApiController {
    private final ModelRegistry registry;
    private final RequestMetrics metrics;

    ApiController(ModelRegistry registry, RequestMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Operation(summary = "List the served models with their versions")
    @Get("/models")
    List<Payloads.ModelSummary> models() {
        return metrics.time("models", "-", () -> {
            try (ModelRegistry.Lease lease = registry.lease()) {
                return lease.names().stream().map(n -> summary(lease, n)).toList();
            }
        });
    }

    @Operation(summary = "One model: versions, kind, latent size, samplers, training summary")
    @Get("/models/{name}")
    Payloads.ModelSummary model(String name) {
        return metrics.time("model", name, () -> {
            try (ModelRegistry.Lease lease = registry.lease()) {
                return summary(lease, name);
            }
        });
    }

    private static Payloads.ModelSummary summary(ModelRegistry.Lease lease, String name) {
        List<Integer> versions = lease.versions(name);
        GenerativeModel newest = lease.model(name, null);
        ModelManifest m = newest.bundle().manifest();
        return new Payloads.ModelSummary(name, versions, versions.get(versions.size() - 1), m.kind().label(), m.latentDim(), newest.samplers(),
                m.training());
    }

    @Operation(summary = "Sample images: {count, seed?, temperature?, label?, sampler?}; a PNG grid with Accept: image/png")
    @Post("/models/{name}/sample")
    @Produces({MediaType.APPLICATION_JSON, MediaType.IMAGE_PNG})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    HttpResponse<?> sample(String name, @Nullable @QueryValue Integer version, @Nullable @Valid @Body RequestBodies.Sample body,
            HttpRequest<?> request) {
        return metrics.time("sample", name, () -> {
            RequestBodies.Sample sample = body == null ? RequestBodies.Sample.defaults() : body;
            int count = sample.countWithin(registry.settings().maxCount());
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(name, version);
                FloatMatrix probs = finite(model.sample(sample.sampler(), count, sample.seed(), sample.temperature())).probs();
                if (wantsPng(request)) {
                    return png(probs);
                }
                return HttpResponse.ok(new Payloads.Images(name, model.bundle().version(), Payloads.rows(probs),
                        sample.label() ? Arrays.asList(registry.nearestShape().label(probs)) : null));
            }
        });
    }

    @Operation(summary = "Encode images: {images: [[784 values in [0, 1]], ...]}")
    @Post("/models/{name}/encode")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    Payloads.Latents encode(String name, @Nullable @QueryValue Integer version, @Valid @Body RequestBodies.Images body) {
        return metrics.time("encode", name, () -> {
            FloatMatrix images = body.matrix(registry.settings().maxCount());
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(name, version);
                Encoding encoding = model.encode(images);
                FiniteOutputs.require(encoding.z(), "z");
                encoding.logvar().ifPresent(l -> FiniteOutputs.require(l, "logvar"));
                return new Payloads.Latents(name, model.bundle().version(), Payloads.rows(encoding.z()),
                        encoding.logvar().map(Payloads::rows).orElse(null));
            }
        });
    }

    @Operation(summary = "Decode latents: {z: [[L values], ...]}; a PNG grid with Accept: image/png")
    @Post("/models/{name}/decode")
    @Produces({MediaType.APPLICATION_JSON, MediaType.IMAGE_PNG})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    HttpResponse<?> decode(String name, @Nullable @QueryValue Integer version, @Valid @Body RequestBodies.Latents body,
            HttpRequest<?> request) {
        return metrics.time("decode", name, () -> {
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(name, version);
                FloatMatrix z = body.matrix(model.latentDim(), registry.settings().maxCount());
                return images(request, name, model, model.decode(z));
            }
        });
    }

    @Operation(summary = "Reconstruct images: {images: [[784 values], ...]}; a PNG grid with Accept: image/png")
    @Post("/models/{name}/reconstruct")
    @Produces({MediaType.APPLICATION_JSON, MediaType.IMAGE_PNG})
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    HttpResponse<?> reconstruct(String name, @Nullable @QueryValue Integer version, @Valid @Body RequestBodies.Images body,
            HttpRequest<?> request) {
        return metrics.time("reconstruct", name, () -> {
            FloatMatrix images = body.matrix(registry.settings().maxCount());
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(name, version);
                return images(request, name, model, model.reconstruct(images));
            }
        });
    }

    @Operation(summary = "Traverse one latent dimension from the encoding of a dataset entry")
    @Get("/models/{name}/traverse")
    @Produces({MediaType.APPLICATION_JSON, MediaType.IMAGE_PNG})
    HttpResponse<?> traverse(String name, @Nullable @QueryValue Integer version, @Nullable @QueryValue Integer dim,
            @Nullable @QueryValue Double from, @Nullable @QueryValue Double to, @Nullable @QueryValue Integer steps,
            @Nullable @QueryValue Integer entry, HttpRequest<?> request) {
        return metrics.time("traverse", name, () -> {
            double lo = from == null ? -3 : from;
            double hi = to == null ? 3 : to;
            int n = steps == null ? 7 : steps;
            int e = entry == null ? 0 : entry;
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw ApiException.badRequest("'from' and 'to' must be finite numbers");
            }
            if (n < 1 || n > registry.settings().maxCount()) {
                throw ApiException.badRequest("'steps' must be between 1 and " + registry.settings().maxCount() + ", got " + n);
            }
            List<ShapeEntry> entries = ShapesDataset.standard().entries();
            if (e < 0 || e >= entries.size()) {
                throw ApiException.badRequest("'entry' must be between 0 and " + (entries.size() - 1) + ", got " + e);
            }
            try (ModelRegistry.Lease lease = registry.lease()) {
                GenerativeModel model = lease.model(name, version);
                if (dim == null || dim < 0 || dim >= model.latentDim()) {
                    throw ApiException.badRequest("'dim' must be between 0 and " + (model.latentDim() - 1) + ", got " + dim);
                }
                float[] base = model.encode(new FloatMatrix(1, Canvas.PIXELS, entries.get(e).image().toFloats())).z().row(0);
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
                }
                return images(request, name, model, model.traverse(base, dim, values));
            }
        });
    }

    private static Decoding finite(Decoding decoding) {
        FiniteOutputs.require(decoding.logits(), "logits");
        return decoding;
    }

    private static HttpResponse<?> images(HttpRequest<?> request, String name, GenerativeModel model, Decoding decoding) {
        finite(decoding);
        if (wantsPng(request)) {
            return png(decoding.probs());
        }
        return HttpResponse.ok(new Payloads.Images(name, model.bundle().version(), Payloads.rows(decoding.probs()), null));
    }

    private static boolean wantsPng(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(t -> t.getName().equals("image/png"));
    }

    private static HttpResponse<byte[]> png(FloatMatrix probs) {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < probs.rows(); i++) {
            images.add(probs.row(i));
        }
        int columns = (int) Math.ceil(Math.sqrt(images.size()));
        return HttpResponse.ok(Png.bytes(new ImageGrid(columns, 3, 2).render(images))).contentType(MediaType.IMAGE_PNG_TYPE);
    }
}
