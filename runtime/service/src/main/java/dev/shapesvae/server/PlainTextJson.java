package dev.shapesvae.server;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a REST request body sent as {@code text/plain} as the JSON it is, with the same mapper
 * and checks as {@code application/json}: a client that posts JSON without naming its type (a
 * quick script, a form) is served rather than refused. Micronaut's own text/plain reader would
 * try to convert the text to the record and fail.
 */
@Singleton
@Consumes(MediaType.TEXT_PLAIN)
@Order(PlainTextJson.ORDER)
// Generic over the request records: Micronaut matches a reader to a body type through its type variable's bound.
final class PlainTextJson<T extends RequestBodies.Json> implements MessageBodyReader<T> {
    /** Ahead of Micronaut's text/plain reader, which takes any type. */
    static final int ORDER = -100;

    private final JsonMapper json;

    PlainTextJson(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matches(MediaType.TEXT_PLAIN_TYPE);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream body) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            // As Micronaut's JSON reader does: the binder answers the cause (JsonProblem words it).
            throw new CodecException("Error decoding JSON for type [" + type.getName() + "]: " + e.getMessage(), e);
        }
    }
}
