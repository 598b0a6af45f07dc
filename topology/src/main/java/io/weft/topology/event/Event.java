package io.weft.topology.event;

/** Something that happened to a subject (a device, a link, a host, a virtual network). */
public interface Event {
    /** The subject this event is about; events of one subject are delivered in order. */
    Object subject();
}
