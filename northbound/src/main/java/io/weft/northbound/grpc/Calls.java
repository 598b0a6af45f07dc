package io.weft.northbound.grpc;

import io.grpc.stub.StreamObserver;
import io.weft.northbound.service.ServiceException;
import java.util.function.Supplier;

/** How a unary call answers: the one message, or the status of the service layer's refusal. */
final class Calls {
    private Calls() {
    }

    static <T> void unary(StreamObserver<T> out, Supplier<T> answer) {
        T value;
        try {
            value = answer.get();
        } catch (ServiceException e) {
            out.onError(GrpcStatuses.of(e).asRuntimeException());
            return;
        }
        out.onNext(value);
        out.onCompleted();
    }

    /** A call whose answer is {@code google.protobuf.Empty}: a delete. */
    static void done(StreamObserver<com.google.protobuf.Empty> out, Runnable change) {
        unary(out, () -> {
            change.run();
            return com.google.protobuf.Empty.getDefaultInstance();
        });
    }
}
