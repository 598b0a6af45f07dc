/** The runnable: command line, config, the one place that wires every module, lifecycle. */
package io.weft.controller;
