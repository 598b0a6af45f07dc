/**
 * The northbound REST API: a read-only JSON view of devices, links, hosts, paths and the flow
 * rules Weft believes each device holds, with health, metrics and an OpenAPI document, served by
 * Armeria under {@code /api/v1}. Only {@link io.weft.northbound.RestApi} and
 * {@link io.weft.northbound.ApiConfig} are public; the handlers are package-private. It reads the
 * topology services and the protocol-neutral southbound API only, never the OpenFlow code.
 */
package io.weft.northbound;
