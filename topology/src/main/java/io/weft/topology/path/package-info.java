/**
 * The fabric as a graph: immutable topology snapshots with shortest paths and a loop-free
 * broadcast tree, edge ports, and the service that keeps the current snapshot.
 */
package io.weft.topology.path;
