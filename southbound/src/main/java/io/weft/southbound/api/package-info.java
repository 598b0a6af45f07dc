/**
 * The protocol-neutral programming API apps use: flow rules confirmed by barrier,
 * packets in through ordered processors, packets out. Nothing here names OpenFlow,
 * Netty or openflowj.
 */
package io.weft.southbound.api;
