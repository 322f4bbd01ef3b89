package dev.shapesvae.server.v2.grpc;

import dev.shapesvae.server.ApiException;
import dev.shapesvae.server.ModelNotServedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a unary call with what the work returns, or with the status that stands for the
 * service's refusal: the same message as REST's {@code {"error": ...}}, under the gRPC code that
 * matches its HTTP status (400 INVALID_ARGUMENT, ...), and NOT_FOUND for a model that is not
 * served, INVALID_ARGUMENT for an argument the library refuses (an {@link IllegalArgumentException},
 * which REST answers 400). Anything unexpected is INTERNAL with an error id: its message can name
 * the server's classes and paths, so it goes to the server's log only, as REST's 500 does.
 */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private Answers() {
    }

    static <T> void answer(StreamObserver<T> call, String rpc, Supplier<T> work) {
        T reply;
        try {
            reply = work.get();
        } catch (ApiException e) {
            call.onError(status(e).withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (ModelNotServedException e) {
            call.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (IllegalArgumentException e) {
            call.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
            LOG.error("{} failed (error id {})", rpc, id, e);
            call.onError(Status.INTERNAL.withDescription("internal error; the server's log has the details under error id " + id)
                    .asRuntimeException());
            return;
        }
        try {
            call.onNext(reply);
            call.onCompleted();
        } catch (StatusRuntimeException e) {
            // The client cancelled or went away while the work ran; there is no one to answer.
            LOG.debug("{}: the call ended before its answer: {}", rpc, e.getStatus());
        }
    }

    static Status status(ApiException e) {
        return switch (e.status().getCode()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 413 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
    }
}
