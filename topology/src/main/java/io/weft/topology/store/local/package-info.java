/**
 * Building blocks for stores that keep their data in this process: {@link
 * io.weft.topology.store.local.LocalStore} implements the whole {@link
 * io.weft.topology.store.Store} contract (locking, conditions, revisions, bounded watch
 * history) over a {@link io.weft.topology.store.local.StoreBackend} that only has to read
 * entries and apply one revision's changes atomically. The in-memory store and the embedded
 * file-backed store are two backends, so they cannot differ in semantics. An etcd store
 * needs none of this: etcd does it all on its side.
 */
package io.weft.topology.store.local;
