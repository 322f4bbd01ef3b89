package dev.shapesvae.server.v2.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gRPC codes and messages a call is answered with when its work fails, as REST answers the same failures. */
class AnswersTest {
    /** What one call was answered with. */
    private static final class Call implements StreamObserver<String> {
        final List<String> replies = new ArrayList<>();
        Status status;

        @Override
        public void onNext(String value) {
            replies.add(value);
        }

        @Override
        public void onError(Throwable t) {
            status = Status.fromThrowable(t);
        }

        @Override
        public void onCompleted() {
            status = Status.OK;
        }
    }

    @Test
    void anArgumentTheLibraryRefusesIsInvalidArgumentWithItsMessageAsRestAnswers400() {
        Call call = new Call();
        Answers.answer(call, "ModelInfer", () -> {
            throw new IllegalArgumentException("model m version 1 has no sampler 'x'; its samplers are prior");
        });
        assertThat(call.status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(call.status.getDescription()).isEqualTo("model m version 1 has no sampler 'x'; its samplers are prior");
    }

    @Test
    void anUnexpectedFailureIsInternalWithAnErrorIdAndNotTheServersInternals() {
        Call call = new Call();
        Answers.answer(call, "ModelInfer", () -> {
            throw new IllegalStateException("/srv/models/m/1/decoder.onnx: session closed");
        });
        assertThat(call.status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(call.status.getDescription()).matches("internal error; the server's log has the details under error id [0-9a-f]+")
                .doesNotContain("/srv");
    }

    @Test
    void workThatSucceedsIsAnsweredOnceAndCompleted() {
        Call call = new Call();
        Answers.answer(call, "ModelReady", () -> "ready");
        assertThat(call.replies).containsExactly("ready");
        assertThat(call.status).isEqualTo(Status.OK);
    }
}
