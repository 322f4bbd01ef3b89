package dev.shapesvae.server;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every refusal as {@code {"error": "..."}} with the right status, never an HTML page or a stack trace. */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    static MutableHttpResponse<ApiError> error(HttpStatus status, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(message));
    }

    @Singleton
    @Produces
    static final class Api implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ApiException e) {
            MutableHttpResponse<ApiError> response = error(e.status(), e.getMessage());
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return response;
        }
    }

    /** A model or version the service does not serve: 404, whichever endpoint named it. */
    @Singleton
    @Produces
    static final class NotServed implements ExceptionHandler<ModelNotServedException, HttpResponse<ApiError>> {
        /** The status of the answer, which the request metrics count under too. */
        static final HttpStatus STATUS = HttpStatus.NOT_FOUND;

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ModelNotServedException e) {
            return error(STATUS, e.getMessage());
        }
    }

    /**
     * A body the JSON mapper could not read into its record: the field, what it must be and what
     * came ({@link JsonProblem}). Other arguments that do not convert (a query value) keep
     * Micronaut's message, which names the argument.
     */
    @Singleton
    @Produces
    @Replaces(ConversionErrorHandler.class)
    static final class Unreadable implements ExceptionHandler<ConversionErrorException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConversionErrorException e) {
            return error(HttpStatus.BAD_REQUEST, JsonProblem.isJson(e) ? JsonProblem.describe(e) : e.getMessage());
        }
    }

    /** A body that is not JSON at all, as Micronaut's JSON mapper reports it: malformed JSON, with the place. */
    @Singleton
    @Produces
    @Replaces(JsonExceptionHandler.class)
    static final class NotJson implements ExceptionHandler<JsonSyntaxException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, JsonSyntaxException e) {
            return error(HttpStatus.BAD_REQUEST, JsonProblem.describe(e));
        }
    }

    /** A body that breaks its record's constraints: each field, what it must be and what came ({@link ConstraintProblem}). */
    @Singleton
    @Produces
    @Replaces(ConstraintExceptionHandler.class)
    static final class Invalid implements ExceptionHandler<ConstraintViolationException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConstraintViolationException e) {
            return error(HttpStatus.BAD_REQUEST, ConstraintProblem.describe(e));
        }
    }

    /**
     * A value the library refuses, such as a sampler the model does not have: its message names the
     * value and what is allowed.
     */
    @Singleton
    @Produces
    static final class BadArgument implements ExceptionHandler<IllegalArgumentException, HttpResponse<ApiError>> {
        /** The status of the answer, which the request metrics count under too. */
        static final HttpStatus STATUS = HttpStatus.BAD_REQUEST;

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, IllegalArgumentException e) {
            return error(STATUS, e.getMessage());
        }
    }

    /**
     * Micronaut's own refusals (unknown route, wrong method, a parameter that does not convert,
     * a missing one) in the same {@code {"error": ...}} form.
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class Processor implements ErrorResponseProcessor<ApiError> {
        @Override
        public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
            String message = context.getErrors().stream().map(e -> e.getMessage()).reduce((a, b) -> a + "; " + b)
                    .orElse(response.getStatus().getReason());
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new ApiError(message));
        }
    }

    /** A body over {@code --max-body}: 413, naming the flag that sets the limit. */
    @Singleton
    @Produces
    @Replaces(io.micronaut.http.server.exceptions.ContentLengthExceededHandler.class)
    @Requires(classes = ContentLengthExceededException.class)
    static final class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ApiError>> {
        private final long limit;

        TooLarge(ServerSettings settings) {
            this.limit = settings.maxBodyBytes();
        }

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ContentLengthExceededException e) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than the limit of " + limit
                    + " bytes; the server's --max-body flag sets it");
        }
    }

    /** Anything unexpected: 500 with a JSON message, and the stack trace in the server's log only. */
    @Singleton
    @Produces
    static final class Unexpected implements ExceptionHandler<RuntimeException, HttpResponse<ApiError>> {
        private static final Logger LOG = LoggerFactory.getLogger(Unexpected.class);

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, RuntimeException e) {
            // The exception's text can name classes and paths of the server: it goes to the log only,
            // and the client gets an id to find it there.
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
            LOG.error("{} {} failed (error id {})", request.getMethod(), request.getPath(), id, e);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server's log has the details under error id " + id);
        }
    }
}
