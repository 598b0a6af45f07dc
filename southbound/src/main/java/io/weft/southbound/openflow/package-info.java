/**
 * The OpenFlow implementation of the southbound API: a Netty server, a bounded codec, one
 * handshake state machine per switch connection, and the translation between the
 * protocol-neutral API and openflowj messages for OpenFlow 1.0, 1.3, 1.4 and 1.5. The two
 * messages of the packet-in path, the PACKET_IN read and the forwarding rule's FLOW_MOD
 * written, bypass openflowj ({@link io.weft.southbound.openflow.PacketIn},
 * {@link io.weft.southbound.openflow.FlowModWriter}); tests hold both to openflowj's bytes.
 */
package io.weft.southbound.openflow;
