/**
 * Finds the physical network through the protocol-neutral southbound API only: link
 * discovery by signed LLDP probes ({@link io.weft.southbound.discovery.LinkDiscovery}) and
 * host learning from packet-ins at edge ports ({@link io.weft.southbound.discovery.HostLearner}).
 * Nothing here knows OpenFlow, Netty or openflowj, so any southbound that implements the API
 * gets discovery for free.
 */
package io.weft.southbound.discovery;
