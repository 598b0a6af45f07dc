package io.weft.topology.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a watch's events from whatever thread delivers them; tests wait for them without sleeping. */
public final class RecordingListener implements WatchListener {
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(WatchEvent event) {
        events.add(event);
    }

    /** The next event, waiting up to ten seconds for it. */
    public WatchEvent next() {
        try {
            WatchEvent event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within ten seconds").isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a watch event", e);
        }
    }

    /** The next {@code n} events. */
    public List<WatchEvent> next(int n) {
        List<WatchEvent> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(next());
        }
        return got;
    }

    /** The events received and not yet taken, without waiting. */
    public List<WatchEvent> drained() {
        List<WatchEvent> got = new ArrayList<>();
        events.drainTo(got);
        return got;
    }
}
