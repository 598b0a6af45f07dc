/**
 * The OpenFlow implementation of the southbound API: a Netty server, a bounded codec, one
 * handshake state machine per switch connection, and the translation between the
 * protocol-neutral API and openflowj messages for OpenFlow 1.0, 1.3, 1.4 and 1.5.
 */
package io.weft.southbound.openflow;
