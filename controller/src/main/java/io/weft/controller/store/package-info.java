/**
 * The embedded durable store: the {@link io.weft.topology.store.Store} SPI in one file in the
 * data directory, written with H2's MVStore and on disk before a commit returns.
 */
package io.weft.controller.store;
