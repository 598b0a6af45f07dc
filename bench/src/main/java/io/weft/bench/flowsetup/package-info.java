/**
 * {@code weft bench flow-setup}: cbench-style flow setup. Emulated switches send packet-ins
 * from ever new source MACs towards a destination the controller has learned, and count
 * the packet-ins the controller answers - a flow mod carrying the packet's buffer id, or a
 * packet-out carrying its buffer id or its bytes - per second. Throughput mode keeps a
 * window of packet-ins in flight per switch; latency mode keeps one.
 */
package io.weft.bench.flowsetup;
