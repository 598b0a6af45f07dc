package io.weft.topology.store;

import java.util.Objects;

/**
 * What a watch delivers: each change in revision order, or {@link Compacted} when the changes
 * it asked for are no longer retained. A switch over the three kinds cannot forget the last.
 */
public sealed interface WatchEvent {
    /** A key was created or overwritten; {@code entry.modRevision()} is the change's revision. */
    record Put(Entry entry) implements WatchEvent {
        public Put {
            Objects.requireNonNull(entry, "entry");
        }

        public String key() {
            return entry.key();
        }

        public long revision() {
            return entry.modRevision();
        }
    }

    /** A key was deleted at {@code revision}. */
    record Delete(String key, long revision) implements WatchEvent {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The store no longer holds every change after the revision this watch needs: history
     * only reaches back to changes after {@code compactRevision}. This is the watch's last
     * event; the watcher lists again ({@link Store#snapshot}) and watches from that revision.
     */
    record Compacted(long compactRevision) implements WatchEvent {
    }
}
