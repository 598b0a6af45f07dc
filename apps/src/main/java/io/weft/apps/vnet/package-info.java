/**
 * The virtual-network compiler (DESIGN.md "From a virtual network to flow rules"): pure
 * functions from tenants' virtual networks, the physical {@link io.weft.topology.path.Topology}
 * and the networks' hosts to the flow rules every device should hold, and the diff that takes
 * a device from the rules it holds to the ones it should.
 *
 * <p>Everything is in table 0 with VLAN tags only, so it runs on OpenFlow 1.0 and 1.3 alike.
 * A frame entering at an attachment is classified by its port and VLAN (the only rules that
 * match an attachment port), tagged with its network's fabric tag, and carried by rules that
 * always match the tag and the port it arrives on; at the egress attachment the tenant's own
 * VLAN (or none) is restored. So tenants may reuse MAC and IP addresses, and a frame from a
 * port that belongs to no network, even one tagged with a fabric tag, matches none of these
 * rules.
 *
 * <p>A custom network's virtual switches are not anywhere in the fabric, so its virtual links
 * decide reachability, not routes: two of its attachments reach each other when their virtual
 * ports are joined through virtual links, and then over the shortest physical path, as in a big
 * switch (every realisation of the virtual path would cross the same two attachments, only
 * with detours). The network keeps its one fabric tag. Unicast stays within a connected part
 * because only the part's own attachments get rules towards a host (the others drop frames
 * for it at once); broadcasts of a part go along the fabric's broadcast tree for one part
 * only, within the switch for a part whose attachments are all on one switch, and through the
 * controller for any other part, since one tag cannot keep two floods apart where they share
 * a link.
 *
 * <p>{@link io.weft.apps.vnet.VnetApp} is the one stateful piece: it recompiles on every
 * change of the tenants' networks, the topology or a switch connecting, and sends each
 * device only the diff. Tenants' attachment ports are reserved
 * ({@link io.weft.topology.path.ReservedPorts}), so default host learning, flooding and proxy
 * ARP never act on them; its packet processor runs before those and takes every packet from
 * such a port.
 *
 * <p>{@link io.weft.apps.vnet.VnetStats} counts each network's edge traffic from the switches'
 * statistics of the network's own rules (its cookie): what enters through the rules that match
 * an attachment, what leaves through the outputs to it.
 */
package io.weft.apps.vnet;
