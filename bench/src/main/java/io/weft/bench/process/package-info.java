/**
 * Controllers the bench starts and stops itself: the packaged Weft controller and
 * ovs-testcontroller, each a fresh process on a free loopback port of its own, with its
 * output kept in a log file that an error message quotes.
 */
package io.weft.bench.process;
