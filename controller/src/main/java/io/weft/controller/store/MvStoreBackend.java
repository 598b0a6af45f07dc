package io.weft.controller.store;

import io.weft.topology.store.Entry;
import io.weft.topology.store.StoreException;
import io.weft.topology.store.local.StoreBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries in an MVStore file: map {@code entries} from key to (createRevision, modRevision,
 * UTF-8 value), map {@code meta} with the store's revision and format.
 *
 * <p>MVStore writes copy-on-write chunks and, on open, goes back to the newest chunk that was
 * completely written, so a process killed mid-write reopens at its last commit. Auto-commit is
 * off (no background writer thread, no commit when unsaved changes pile up) so that nothing
 * reaches the file but whole revisions, each in one {@code commit()}; {@code commit()} only
 * hands the chunk to the operating system, so {@code sync()} (fsync) follows before a revision
 * counts as applied.
 */
final class MvStoreBackend implements StoreBackend {
    private static final Logger log = LoggerFactory.getLogger(MvStoreBackend.class);
    private static final long FORMAT = 1;
    private static final int REVISIONS_BYTES = 2 * Long.BYTES;
    /** Time a clean close may spend rewriting sparse chunks, so the file does not only grow. */
    private static final int COMPACT_ON_CLOSE_MILLIS = 500;

    private final Path file;
    private final MVStore mv;
    private final MVMap<String, byte[]> entries;
    private final MVMap<String, Long> meta;
    private final long revision;

    private MvStoreBackend(Path file, MVStore mv) {
        this.file = file;
        this.mv = mv;
        // MVStore keeps dead chunks for 45 s by default, trusting the OS to have flushed them by
        // then; every commit here is fsynced, so their space can be reused at once (as MVStore's
        // own compaction does, syncing between rounds). Readers never overlap a commit (LocalStore's
        // lock), so none can be reading a chunk as it is reused. Without this, a burst of 10,000
        // commits grows the file by 160 MB.
        mv.setRetentionTime(0);
        this.meta = mv.openMap("meta", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        Long format = meta.get("format");
        if (format == null && !mv.getMapNames().equals(Set.of("meta"))) {
            throw new StoreException(file + " is not a Weft store: it holds the maps " + mv.getMapNames());
        } else if (format == null) {
            meta.put("format", FORMAT);
        } else if (format != FORMAT) {
            throw new StoreException(file + " is a Weft store of format " + format + ", not " + FORMAT);
        }
        this.entries = mv.openMap("entries", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.revision = meta.getOrDefault("revision", 0L);
        if (mv.hasUnsavedChanges()) {
            mv.commit();
            mv.sync();
        }
    }

    /** Opens the store in {@code file}, creating it (readable by its owner only) if it does not exist. */
    static MvStoreBackend open(Path file) {
        createOwnerOnly(file);
        MVStore mv;
        try {
            mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0).open();
        } catch (MVStoreException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        try {
            MvStoreBackend backend;
            try {
                backend = new MvStoreBackend(file, mv);
            } catch (MVStoreException e) {
                throw new StoreException("cannot read the store " + file + ": " + e.getMessage(), e);
            }
            // Always, not only when the file was just made: a crash may have come before the last open synced it.
            syncDirectory(file.toAbsolutePath().getParent());
            return backend;
        } catch (RuntimeException e) {
            mv.closeImmediately();
            throw e;
        }
    }

    /** The store will hold token hashes: others may not read it, from the moment it exists. */
    private static void createOwnerOnly(Path file) {
        try {
            if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Opened as it is.
        } catch (IOException e) {
            throw new StoreException("cannot create the store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A new file's name is durable only once its directory is synced; every commit in it depends on that. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.warn("cannot sync directory {} after creating the store in it: {}", directory, e.getMessage());
        }
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(bytes -> decode(key, bytes));
    }

    @Override
    public List<Entry> list(String prefix) {
        List<Entry> found = new ArrayList<>();
        for (Cursor<String, byte[]> cursor = entries.cursor(prefix); cursor.hasNext(); ) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            found.add(decode(key, cursor.getValue()));
        }
        return found;
    }

    @Override
    public void apply(long revision, List<Entry> puts, Collection<String> deletes) {
        deletes.forEach(entries::remove);
        puts.forEach(entry -> entries.put(entry.key(), encode(entry)));
        meta.put("revision", revision);
        mv.commit();
        mv.sync();
    }

    @Override
    public void close() {
        if (mv.isClosed()) {
            return;
        }
        try {
            mv.close(COMPACT_ON_CLOSE_MILLIS);
        } catch (MVStoreException e) {
            log.warn("closing the store {} failed; every commit was synced, so nothing is lost: {}", file,
                    e.getMessage());
            mv.closeImmediately();
        }
    }

    private static byte[] encode(Entry entry) {
        byte[] value = entry.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(REVISIONS_BYTES + value.length)
                .putLong(entry.createRevision()).putLong(entry.modRevision()).put(value).array();
    }

    private static Entry decode(String key, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long created = buffer.getLong();
        long modified = buffer.getLong();
        String value = new String(bytes, REVISIONS_BYTES, bytes.length - REVISIONS_BYTES, StandardCharsets.UTF_8);
        return new Entry(key, value, created, modified);
    }
}
