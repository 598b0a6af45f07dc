/** Proxy ARP: the controller answers ARP requests for hosts it knows, so they are not flooded. */
package io.weft.apps.proxyarp;
