package io.weft.northbound.grpc;

import io.weft.northbound.events.JournalEvent;
import io.weft.northbound.service.Principal;

/**
 * An event as the REST event stream writes it, a JSON object, for the watch to carry as it is:
 * the two faces then say the same of every event, and the shapes are written once, by REST's
 * views (this package knows no JSON library).
 */
@FunctionalInterface
public interface EventJson {
    /** The event's JSON as {@code who} may see it (physical fields for the admin only). */
    String of(JournalEvent event, Principal who);
}
