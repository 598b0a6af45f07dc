package io.weft.topology.link;

import io.weft.topology.event.EventListener;
import java.util.List;

/** Reads the links Weft has discovered. */
public interface LinkService {
    /** Every link, sorted by source then destination. */
    List<Link> links();

    /**
     * True when a link starts or ends at {@code point}, or a genuine probe arrived there within
     * the link timeout without making a link: the port carries fabric traffic, not hosts.
     */
    boolean isInfrastructure(ConnectPoint point);

    void addListener(EventListener<LinkEvent> listener);
}
