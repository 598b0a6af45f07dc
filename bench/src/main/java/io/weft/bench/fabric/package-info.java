/**
 * Emulated fabrics for the discovery and API benchmarks: a wiring of emulated switches
 * (linear, ring, fat-tree, grid) whose switches pass the controller's LLDP packet-outs across
 * their cables as packet-ins at the far end, send port-status messages when a cable is cut,
 * and keep a model of the flow rules they are given so that the bench can trace where a host's
 * frame would go without any data plane.
 */
package io.weft.bench.fabric;
