/**
 * Named counters for every defensive action (a dropped packet, a closed connection, a
 * refused request), so that tests can assert on them and the metrics endpoint can expose
 * them; and the few gauges and latency histograms the metrics endpoint shows beside them.
 */
package io.weft.metrics;
