/**
 * The southbound: {@code api} is the protocol-neutral programming API that apps use
 * (flow rules, packets in and out); {@code openflow} implements it over OpenFlow with
 * Netty and openflowj; {@code discovery} finds links and hosts through {@code api} alone.
 * Apps import only {@code api}.
 */
package io.weft.southbound;
