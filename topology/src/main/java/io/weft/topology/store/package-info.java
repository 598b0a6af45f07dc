/**
 * The durable store's SPI: a revisioned key-value store that the embedded file-backed store
 * serves today and etcd v3 can serve for a cluster.
 *
 * <p>Semantics are etcd's, so that code written against {@link io.weft.topology.store.local.InMemoryStore}
 * behaves the same on every implementation:
 * <ul>
 *   <li>One global revision, starting at 0, grows by one with every committed transaction that
 *       changes something; every key changed by that transaction gets it as its
 *       {@link io.weft.topology.store.Entry#modRevision() modRevision}, and a key that did not
 *       exist before also as its {@link io.weft.topology.store.Entry#createRevision() createRevision}.</li>
 *   <li>A {@link io.weft.topology.store.Txn} checks all its conditions and applies all its
 *       operations atomically, or changes nothing.</li>
 *   <li>Watches deliver every change after a revision, in revision order, and say
 *       {@link io.weft.topology.store.WatchEvent.Compacted} when history no longer reaches
 *       back that far: the watcher must list again.</li>
 * </ul>
 *
 * <p>Keys and values are strings. Keys are printable ASCII, so Java's string order is
 * etcd's byte order and prefixes mean the same everywhere; values are what Weft stores
 * (small JSON documents) and go to disk as UTF-8. Byte arrays would buy nothing Weft needs
 * and would cost immutable, comparable records.
 */
package io.weft.topology.store;
