/**
 * Devices (switches) and their ports as the southbound reports them: a read service with
 * listeners, and the provider service the southbound feeds.
 */
package io.weft.topology.device;
