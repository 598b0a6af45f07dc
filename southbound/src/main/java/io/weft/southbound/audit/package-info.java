/**
 * Keeps switches' tables true to what Weft sent them: each device's rules are read back after it
 * connects and periodically, and whatever differs from Weft's flow table is repaired.
 */
package io.weft.southbound.audit;
