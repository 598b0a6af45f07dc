/**
 * The protocol-neutral programming API apps use: flow rules confirmed by barrier,
 * packets in through ordered processors (inline on the network threads or on workers),
 * packets out, and a packet-in answered with a rule applied to it. Nothing here names
 * OpenFlow, Netty or openflowj.
 */
package io.weft.southbound.api;
