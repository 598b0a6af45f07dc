/**
 * The northbound's one service layer, which the REST API and the gRPC API are two faces of:
 * who may do what (an admin token, or a tenant's on its own tenant only), what a request must
 * look like, what each operation does, and what each caller sees of the answer (a tenant never
 * a physical id). Nothing here knows HTTP, JSON or protobuf: operations take typed values and
 * answer typed views, and every refusal is a {@link io.weft.northbound.service.ServiceException}
 * of a {@link io.weft.northbound.service.ServiceException.Kind} that each face turns into its
 * own status, with the same message.
 *
 * <p>Operations that change something take the request as a {@link java.util.function.Supplier},
 * read only after the caller is known to be allowed to ask: the answers come in one order for
 * both faces (the caller is not allowed, then the request is malformed, then it clashes).
 */
package io.weft.northbound.service;
