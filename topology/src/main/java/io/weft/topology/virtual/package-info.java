/**
 * Tenants' virtual networks, the model of issue 5: tenants, the physical attachment points an
 * admin grants them, and the networks they build on those (big switches, or their own virtual
 * switches and links), with virtual hosts. Values here are validated on construction, so a
 * model object that exists is a well-formed one; cross-object rules (an attachment belongs to
 * the network's tenant, a port number is free) are the admin service's to check.
 *
 * <p>The roles are the usual ones: {@link io.weft.topology.virtual.VirtualNetworkService} reads
 * and posts {@link io.weft.topology.virtual.VirtualNetworkEvent}s,
 * {@link io.weft.topology.virtual.VirtualNetworkAdminService} changes,
 * {@link io.weft.topology.virtual.VirtualHostProviderService} takes learned hosts, and the
 * store holds the truth. {@link io.weft.topology.virtual.VirtualNetworkManager} implements the
 * first and the last, {@link io.weft.topology.virtual.VirtualNetworkAdmin} the second.
 *
 * <h2>What the store holds</h2>
 * Everything durable is under {@code /weft/v1/}; values are small JSON documents. A tenant's
 * own things are under its prefix, so that one snapshot reads a whole tenant at one revision:
 * <pre>
 * /weft/v1/tenants/{t}/tenant                       {"id":"blue"}: the tenant's version key
 * /weft/v1/tenants/{t}/tokens/{sha-256 hex}         {"hash":"sha-256"}: a token, by its hash only
 * /weft/v1/tenants/{t}/attachments/{att-N}          {"id":"att-1","device":"of:..","port":3,"vlan":100}
 * /weft/v1/tenants/{t}/networks/{n}/network         {"id":"web","kind":"big-switch","tag":17}
 * /weft/v1/tenants/{t}/networks/{n}/switches/{s}    {"id":"vs1"} (custom networks only)
 * /weft/v1/tenants/{t}/networks/{n}/ports/{s}/{p}   {"switch":"vs1","port":1,"attachment":"att-1"}
 * /weft/v1/tenants/{t}/networks/{n}/links/{s:p-s:p} {"src":{"switch":..,"port":..},"dst":{..}}
 * /weft/v1/tenants/{t}/networks/{n}/hosts/{mac}     {"mac":..,"ips":[..],"port":{"switch":..,"port":..}}
 * </pre>
 * Three indexes guard what must be unique across tenants, and are written in the same
 * transaction as what they index:
 * <pre>
 * /weft/v1/tags                {"17":"blue/web",..}: the fabric tag of every network
 * /weft/v1/points/{device}     {"attachments":[{..,"tenant":"blue"}]}: every grant on a device
 * /weft/v1/attachment-ids      {"next":8}: attachment numbers are never reused
 * </pre>
 *
 * <h2>One change, one transaction</h2>
 * Every change of a tenant rewrites its version key and is conditioned on the version key's
 * revision as read, and on the revision of each index it read; so a change commits only if
 * nothing it was checked against changed meanwhile, and otherwise is checked again
 * ({@code TenantTxn}). This holds for any number of controllers that
 * share one store (etcd), not only for the one process the embedded store serves.
 */
package io.weft.topology.virtual;
