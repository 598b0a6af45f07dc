/**
 * The northbound REST API, served by Armeria under {@code /api/v1}: a read-only JSON view of
 * devices, links, hosts, paths and the flow rules Weft believes each device holds, with health,
 * metrics and an OpenAPI document; and tenants with their virtual networks, which the admin
 * and each tenant (with its own token, on its own tenant only) create and change; and every
 * change as Server-Sent Events at {@code /api/v1/events}, served from the protocol-neutral
 * journal in {@link io.weft.northbound.events}. The resources here read paths and JSON bodies
 * and write JSON; what each operation checks and does is the service layer's
 * ({@link io.weft.northbound.service}), which the gRPC API shares. Only
 * {@link io.weft.northbound.RestApi}, {@link io.weft.northbound.ApiConfig} and
 * {@link io.weft.northbound.TenantServices} are public; the handlers are package-private. It
 * reads the topology services and the protocol-neutral southbound API only, never the OpenFlow
 * code.
 */
package io.weft.northbound;
