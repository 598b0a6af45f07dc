/**
 * The network model and its services. Nothing here knows OpenFlow: the southbound
 * feeds it through provider interfaces, and apps and APIs read it through services.
 */
package io.weft.topology;
