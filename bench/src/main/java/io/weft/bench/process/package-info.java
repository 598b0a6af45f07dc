/**
 * The controllers the bench measures: the packaged Weft controller and ovs-testcontroller,
 * each started as a fresh process on a free loopback port of its own with its output kept in
 * a log file that error messages quote; and Weft's southbound wired in this process, for the
 * install mode and the tests.
 */
package io.weft.bench.process;
