package dev.shapesvae.server;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the admin endpoints: nobody unless the server was started with an admin token,
 * then whoever sends it as {@code Authorization: Bearer <token>}.
 */
@Singleton
public final class AdminAccess {
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    AdminAccess(ServerSettings settings) {
        // A token read from a file (a Kubernetes secret) often ends in a newline that no client sends.
        this.token = settings.adminToken().map(t -> t.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses the request unless it carries the admin token: 403 while admin is off, 401 for a missing or wrong token. */
    public void check(HttpRequest<?> request) {
        if (token.isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN,
                    "the admin endpoints are off; start runtime serve with --admin-token (or SHAPES_VAE_ADMIN_TOKEN) to turn them on");
        }
        String presented = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        // The scheme's name is case-insensitive (RFC 9110, section 11.1).
        if (presented == null || !presented.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("this endpoint needs the admin token as 'Authorization: Bearer <token>'");
        }
        // Constant-time comparison, so the time taken says nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(token.get(), presented.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("wrong admin token");
        }
    }
}
