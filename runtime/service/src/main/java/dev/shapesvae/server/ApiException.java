package dev.shapesvae.server;

import io.micronaut.http.HttpStatus;

/** A request the service refuses, with the status and the message that go back as {@code {"error": ...}}. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    /** 401: the request lacks the credentials the endpoint needs. */
    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, message);
    }
}
