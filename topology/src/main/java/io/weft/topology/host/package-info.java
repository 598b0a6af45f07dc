/**
 * Hosts (end stations) as the host learner sees them on edge ports: where they attach, their
 * addresses, when they were last seen; a read service with listeners, and the provider service.
 */
package io.weft.topology.host;
