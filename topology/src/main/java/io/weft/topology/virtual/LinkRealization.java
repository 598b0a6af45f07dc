package io.weft.topology.virtual;

import io.weft.topology.link.Link;
import java.util.List;
import java.util.Objects;

/**
 * How a virtual link is carried on the fabric now, as the virtual-network compiler chose.
 *
 * @param path the physical links that carry it, in order; empty unless {@link State#UP}
 */
public record LinkRealization(State state, List<Link> path) {
    public enum State {
        /** Carried along {@code path}. */
        UP,
        /** No physical path joins its ends now. */
        DOWN,
        /** Not compiled (yet), or no compiler is running. */
        UNKNOWN
    }

    public static final LinkRealization UNKNOWN = new LinkRealization(State.UNKNOWN, List.of());

    public LinkRealization {
        Objects.requireNonNull(state, "state");
        path = List.copyOf(path);
        if (state != State.UP && !path.isEmpty()) {
            throw new IllegalArgumentException("only a link that is up has a path, this one is " + state);
        }
    }
}
