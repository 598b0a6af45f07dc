package io.weft.southbound.openflow;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onosproject.net.DeviceId;

/**
 * The switches connected now, one session per datapath id. The first connection of a
 * datapath id holds it until it closes; a second one is refused (and makes the first prove
 * it still lives: see {@code SwitchChannelHandler}).
 */
public final class SwitchRegistry {
    private final Map<DeviceId, SwitchSession> sessions = new ConcurrentHashMap<>();

    /** Claims the session's datapath id; false if another connection holds it. */
    boolean claim(SwitchSession session) {
        return sessions.putIfAbsent(session.deviceId(), session) == null;
    }

    void release(SwitchSession session) {
        sessions.remove(session.deviceId(), session);
    }

    Optional<SwitchSession> session(DeviceId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    Collection<SwitchSession> sessions() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    /** Batches of flow operations sent to any switch and not yet confirmed by its barrier reply. */
    public int pendingBatches() {
        int pending = 0;
        for (SwitchSession session : sessions.values()) {
            pending += session.pendingBatches();
        }
        return pending;
    }
}
