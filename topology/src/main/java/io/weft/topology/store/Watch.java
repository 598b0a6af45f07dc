package io.weft.topology.store;

/** A registered watch. Closing it stops delivery: no event starts to be delivered after close returns. */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
