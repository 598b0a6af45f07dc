package io.weft.topology.event;

import io.weft.concurrent.KeyedSerialExecutor;
import io.weft.metrics.Counters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to every listener registered for the event's class, off the caller's
 * thread. Events of one subject reach each listener in the order they were posted; a
 * listener that throws is logged and counted ({@code events.listener_failures}) and the
 * other listeners still see the event.
 */
public final class EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private record Registration<E extends Event>(Class<E> type, EventListener<? super E> listener) {
        void deliver(Event event) {
            if (type.isInstance(event)) {
                listener.onEvent(type.cast(event));
            }
        }
    }

    private final KeyedSerialExecutor executor;
    private final Counters counters;
    private final List<Registration<?>> registrations = new CopyOnWriteArrayList<>();

    public EventDispatcher(KeyedSerialExecutor executor, Counters counters) {
        this.executor = executor;
        this.counters = counters;
    }

    public <E extends Event> void addListener(Class<E> type, EventListener<? super E> listener) {
        registrations.add(new Registration<>(type, listener));
    }

    public void removeListener(EventListener<?> listener) {
        registrations.removeIf(r -> r.listener() == listener);
    }

    /**
     * Queues {@code task} to run on the dispatcher's executor in order with the events of
     * {@code subject}: for work a listener does once for several events rather than once per
     * event. False if the queue refused it (full, or shut down; counted as for events).
     */
    public boolean execute(Object subject, Runnable task) {
        return executor.submit(subject, task);
    }

    /** Queues {@code event} for delivery; counted and dropped only if the queue is full. */
    public void post(Event event) {
        counters.increment("events.posted");
        executor.submit(event.subject(), () -> {
            for (Registration<?> registration : registrations) {
                try {
                    registration.deliver(event);
                } catch (RuntimeException e) {
                    counters.increment("events.listener_failures");
                    log.error("event listener {} failed on {}", registration.listener(), event, e);
                }
            }
        });
    }
}
