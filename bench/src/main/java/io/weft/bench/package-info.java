/**
 * {@code weft bench}: a load generator of emulated OpenFlow switches over real TCP on
 * loopback, measuring a controller side by side with a reference controller in one run.
 * One picocli subcommand per mode; every mode prints one human summary and, with
 * {@code --json}, a machine-readable last line.
 */
package io.weft.bench;
