package dev.shapesvae.runtime.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** Counts and times requests per endpoint, model and outcome, for the Prometheus endpoint. */
@Singleton
final class RequestMetrics {
    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T time(String endpoint, String model, Supplier<T> work) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "ok";
            return result;
        } catch (ApiException e) {
            outcome = Integer.toString(e.status().getCode());
            throw e;
        } finally {
            Timer.builder("shapesvae.requests").description("Requests by endpoint, model and outcome")
                    .tag("endpoint", endpoint).tag("model", model).tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
