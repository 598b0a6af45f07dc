/**
 * The controller as the discovery and api modes see it: Weft started as a process with its
 * REST API on a loopback port of its own and a fresh admin token (or a running controller
 * named on the command line), a small REST client that reads it, and the controller's heap
 * as {@code jcmd} reports it.
 */
package io.weft.bench.rest;
