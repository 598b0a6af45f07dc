/**
 * The emulated OpenFlow switch: a Netty client that answers a controller's handshake
 * (HELLO, features, port description, switch description, config, barriers, echoes) like a
 * real switch, and hands flow mods and packet-outs to a {@link io.weft.bench.ofswitch.SwitchBehaviour}
 * that decides what the switch does in a benchmark. Messages on the hot path are read at
 * fixed offsets, not parsed, so the tool spends its share of the machine on the controller's
 * answers and not on itself.
 */
package io.weft.bench.ofswitch;
