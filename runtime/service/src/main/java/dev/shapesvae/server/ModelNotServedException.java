package dev.shapesvae.server;

/**
 * A request named a model, or a version of one, that the service does not serve: no model of that
 * name, no such version, or a model unloaded on request. The message says which, in words a
 * client can act on. It is the service's own fact, not an HTTP answer: REST answers it with 404
 * ({@link ErrorHandlers.NotServed}), gRPC with NOT_FOUND.
 */
public final class ModelNotServedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelNotServedException(String message) {
        super(message);
    }
}
