package io.weft.topology.store;

/**
 * Receives a watch's events, one at a time and in revision order, on a thread the store
 * chooses (the embedded store: its own delivery thread; the in-memory one: by default the
 * committing thread). A listener that throws is logged and counted
 * ({@code store.watch.listener_failures}); it still gets the events after.
 */
@FunctionalInterface
public interface WatchListener {
    void onEvent(WatchEvent event);
}
