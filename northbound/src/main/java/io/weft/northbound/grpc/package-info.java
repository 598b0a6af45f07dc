/**
 * The northbound gRPC API ({@code weft.v1}, protos under {@code src/main/proto}), for
 * orchestration tools: tenants, virtual networks, the physical topology and flow rules, over the
 * same service layer as the REST API ({@link io.weft.northbound.service}), so that no rule is
 * written twice and a change made over one is at once seen over the other. This package only
 * reads protobuf requests, writes protobuf answers and maps refusals to gRPC status codes.
 *
 * <p>Served by Armeria, on the REST port or a port of its own, with the standard health service
 * and server reflection (so {@code grpcurl} needs no proto files). The same bearer tokens as REST,
 * as {@code authorization} metadata. The event watch, a server-streaming service over the event
 * journal ({@code weft.v1.Events}), is registered beside the others in
 * {@link io.weft.northbound.grpc.GrpcApi}; it carries each event's JSON as REST's stream writes it.
 */
package io.weft.northbound.grpc;
