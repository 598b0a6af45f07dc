package io.weft.topology.event;

/** Receives events of one kind. A listener cannot stop an event reaching other listeners. */
@FunctionalInterface
public interface EventListener<E extends Event> {
    void onEvent(E event);
}
