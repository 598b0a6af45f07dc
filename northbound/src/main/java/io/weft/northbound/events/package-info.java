/**
 * The event journal: every device, port, link, host, virtual-network and flow-removed event,
 * numbered with a revision that only grows and kept in a bounded history, so that a client
 * can follow changes as a stream and, after a disconnect, resume where it left off or be told
 * plainly that it must list again. It knows no protocol: the REST API serves it as
 * Server-Sent Events, and a gRPC watch can serve the same {@link
 * io.weft.northbound.events.Subscription}s.
 *
 * <p>{@link io.weft.northbound.events.EventJournal} records and fans out;
 * {@link io.weft.northbound.events.Subscription} is one consumer's cursor into the history;
 * {@link io.weft.northbound.events.SubscriptionEnd} says why a subscription stopped.
 */
package io.weft.northbound.events;
