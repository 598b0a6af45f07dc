/**
 * Lab tests: the packaged controller runs as a real process, Open vSwitch bridges in a
 * Mininet network connect to it, and the tests check what a user would: hosts reach
 * each other, the switches' flow tables hold Weft's rules, the REST API shows the fabric
 * as it is wired, a failed cable is routed around, a hostile host makes no link, a
 * restart is survived.
 *
 * <p>{@link io.weft.lab.WeftLab} owns the controller process of a test class and the
 * networks of its tests; {@link io.weft.lab.MininetNetwork} drives one network through
 * {@code src/test/python/lab.py} and knows its wiring ({@link io.weft.lab.LabWiring});
 * {@link io.weft.lab.WeftApi} reads the controller's REST API, and
 * {@code ControllerView} waits until it agrees with the wiring. Scenarios are data, in
 * each test class.
 */
package io.weft.lab;
