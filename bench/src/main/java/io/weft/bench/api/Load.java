package io.weft.bench.api;

import java.util.Objects;

/**
 * One kind of request over one protocol, as {@link ClosedLoop} drives it: the loop asks for a
 * client per concurrent user and calls it again and again; everything that differs between REST
 * and gRPC, and between a read and a creation, stays behind this interface.
 */
interface Load extends AutoCloseable {
    Protocol protocol();

    /** What is requested, as a person reads it: {@code GET /api/v1/links}, {@code weft.v1.Topology/ListLinks}. */
    String operation();

    /** What one successful request is, for the rate's unit: {@code requests}, {@code networks}. */
    default String unit() {
        return "requests";
    }

    /** A client with a connection (or channel) of its own, used by one thread; the load closes it. */
    Client client();

    /** Readies round {@code round} before its clock starts, e.g. the tenant its creations go under. */
    default void beforeRound(int round) throws InterruptedException {
    }

    /** Clears up after round {@code round}, once its clock has stopped. */
    default void afterRound(int round) throws InterruptedException {
    }

    /** Closes every client it made. */
    @Override
    void close();

    /** One concurrent user. */
    @FunctionalInterface
    interface Client {
        /** Sends request {@code n} (unique within the round) of round {@code round} and waits for its answer. */
        Answer send(int round, int n) throws InterruptedException;
    }

    /**
     * How a request ended: a success with the size of its answer, or a problem, named as the
     * suffix of its counter ({@code refused.409}, {@code refused.already_exists}, {@code failed})
     * with what the controller or the transport said.
     */
    record Answer(int bytes, String problem, String detail) {
        static Answer ok(int bytes) {
            return new Answer(bytes, null, null);
        }

        static Answer problem(String problem, String detail) {
            return new Answer(0, Objects.requireNonNull(problem, "problem"), detail);
        }

        boolean succeeded() {
            return problem == null;
        }
    }
}
