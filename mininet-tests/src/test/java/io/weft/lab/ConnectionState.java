package io.weft.lab;

import java.util.Map;

/**
 * The switches' controller connections as ovsdb reported them when a wait ended.
 *
 * @param reached   whether every switch reached the state waited for
 * @param connected per switch, whether its controller connection was up
 * @param seconds   how long the wait took
 */
public record ConnectionState(boolean reached, Map<String, Boolean> connected, double seconds) {
}
