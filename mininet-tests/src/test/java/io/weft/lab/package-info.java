/**
 * Lab tests: the packaged controller runs as a real process, Open vSwitch bridges in a
 * Mininet network connect to it, and the tests check what a user would: hosts reach
 * each other, the switches' flow tables hold Weft's rules, a restart is survived.
 *
 * <p>{@link io.weft.lab.WeftLab} owns the controller process of a test class and the
 * networks of its tests; {@link io.weft.lab.MininetNetwork} drives one network through
 * {@code src/test/python/lab.py}. Scenarios are data ({@link io.weft.lab.Scenario}).
 */
package io.weft.lab;
