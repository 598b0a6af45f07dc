/**
 * {@code weft bench api}: requests per second the controller's REST API answers for reads of
 * a populated fabric (devices, links, hosts), with N concurrent clients, over rounds. Network
 * creation and gRPC are reported as not available until the controller has them.
 */
package io.weft.bench.api;
