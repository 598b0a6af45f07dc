/**
 * Tenants' virtual networks, the model of issue 5: tenants, the physical attachment points an
 * admin grants them, and the networks they build on those (big switches, or their own virtual
 * switches and links), with virtual hosts. Values here are validated on construction, so a
 * model object that exists is a well-formed one; cross-object rules (an attachment belongs to
 * the network's tenant, a port number is free) are the admin service's to check.
 */
package io.weft.topology.virtual;
