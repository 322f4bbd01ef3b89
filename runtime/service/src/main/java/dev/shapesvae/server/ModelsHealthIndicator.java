package dev.shapesvae.server;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} is UP (200) only while at least one model is served, DOWN (503) otherwise, so a
 * load balancer or Kubernetes probe sends no traffic to a replica that can answer nothing.
 */
@Singleton
final class ModelsHealthIndicator implements HealthIndicator {
    private final ModelRegistry registry;

    ModelsHealthIndicator(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        try (ModelRegistry.Lease lease = registry.lease()) {
            HealthStatus status = lease.names().isEmpty() ? HealthStatus.DOWN : HealthStatus.UP;
            return Publishers.just(HealthResult.builder("models", status)
                    .details(Map.of("served", lease.names())).build());
        }
    }
}
