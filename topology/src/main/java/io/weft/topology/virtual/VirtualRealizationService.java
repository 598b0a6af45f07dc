package io.weft.topology.virtual;

/**
 * What the virtual-network compiler reports of how it realised the virtual topology on the
 * fabric, for the topology views. The compiler implements it; until one runs, {@link #NONE}
 * says every link's state is unknown.
 */
@FunctionalInterface
public interface VirtualRealizationService {
    VirtualRealizationService NONE = link -> LinkRealization.UNKNOWN;

    LinkRealization link(VirtualLink link);
}
