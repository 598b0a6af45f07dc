/**
 * {@code weft bench api}: requests per second the controller's API answers over REST and over
 * gRPC, with N concurrent clients in a closed loop, over rounds: reads of a populated fabric
 * (devices, links, hosts) and virtual network creation. {@link io.weft.bench.api.ClosedLoop}
 * holds the rounds, the rates and the percentiles once; a {@link io.weft.bench.api.Load} per
 * protocol and operation says how one request is sent.
 */
package io.weft.bench.api;
