package dev.shapesvae.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Counts and times requests per endpoint, model and outcome, for the Prometheus endpoint. The
 * model label is the name of a served model (or of its v2 encoder or decoder graph) or
 * {@value #UNKNOWN}: names from URLs that serve nothing must not create new time series. The
 * outcome is "ok", or the status that {@link ErrorHandlers} answers the failure with ("error" for
 * what they answer with 500).
 */
@Singleton
public final class RequestMetrics {
    static final String UNKNOWN = "unknown";

    private final MeterRegistry meters;
    private final ModelRegistry models;

    RequestMetrics(MeterRegistry meters, ModelRegistry models) {
        this.meters = meters;
        this.models = models;
    }

    public <T> T time(String endpoint, String model, Supplier<T> work) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "ok";
            return result;
        } catch (ApiException e) {
            outcome = Integer.toString(e.status().getCode());
            throw e;
        } catch (ModelNotServedException e) {
            outcome = Integer.toString(ErrorHandlers.NotServed.STATUS.getCode());
            throw e;
        } catch (IllegalArgumentException e) {
            outcome = Integer.toString(ErrorHandlers.BadArgument.STATUS.getCode());
            throw e;
        } finally {
            Timer.builder("shapesvae.requests").description("Requests by endpoint, model and outcome")
                    .tag("endpoint", endpoint).tag("model", label(model)).tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private String label(String name) {
        if (name.equals("-")) {
            return name;
        }
        String model = name.replaceFirst("-(encoder|decoder)$", "");
        try (ModelRegistry.Lease lease = models.lease()) {
            return lease.serves(name) || lease.serves(model) ? name : UNKNOWN;
        }
    }
}
