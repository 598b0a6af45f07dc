#!/usr/bin/python3
"""Weft lab driver: one Mininet network of Open vSwitch bridges, driven over stdin/stdout.

    /usr/bin/python3 lab.py --topo tree,depth=2,fanout=3 --protocol OpenFlow13 --controller-port 6653

Builds the network (userspace datapath, every switch speaking only the given OpenFlow
version to a remote controller), prints one JSON line once it is up, then reads one JSON
command per line on stdin and answers each with one JSON line on stdout:

    {"cmd": "wait_connected", "timeout": 30}        every switch connected to the controller
    {"cmd": "wait_disconnected", "timeout": 30}     no switch connected
    {"cmd": "pingall", "tries": 5, "deadline": 30}  every ordered host pair, then a final pass
    {"cmd": "dump_flows"}                           ovs-ofctl dump-flows of every switch
    {"cmd": "flush_arp"}                            every host forgets its ARP cache
    {"cmd": "clear_flows"}                          empty every switch's flow tables
    {"cmd": "stop"}                                 stop the network and exit

An answer is {"ok": true, ...} or {"ok": false, "error": "..."}. Only answers go to stdout:
Mininet's own output goes to stderr. End of input or SIGTERM stops the network as well.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from functools import partial

# Keep fd 1 for answers only: Mininet and the commands it runs print to stdout freely.
ANSWERS = os.fdopen(os.dup(1), 'w', buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

from mininet.log import setLogLevel  # noqa: E402  (after the redirection on purpose)
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSSwitch, RemoteController  # noqa: E402
from mininet.topo import LinearTopo, SingleSwitchTopo  # noqa: E402
from mininet.topolib import TreeTopo  # noqa: E402

TOPOLOGIES = {'single': SingleSwitchTopo, 'linear': LinearTopo, 'tree': TreeTopo}
PROTOCOLS = ('OpenFlow10', 'OpenFlow13', 'OpenFlow14', 'OpenFlow15')
POLL_SECONDS = 0.2


def answer(**fields):
    ANSWERS.write(json.dumps(fields) + '\n')


def topology(spec):
    """'tree,depth=2,fanout=3' or 'tree,2,3' -> TreeTopo(depth=2, fanout=3), as mn reads it."""
    name, *params = spec.split(',')
    if name not in TOPOLOGIES:
        raise ValueError('unknown topology %r, known: %s' % (name, ', '.join(TOPOLOGIES)))
    args, kwargs = [], {}
    for param in params:
        key, sep, value = param.partition('=')
        if sep:
            kwargs[key] = int(value)
        else:
            args.append(int(param))
    return TOPOLOGIES[name](*args, **kwargs)


def connection_states(net):
    """Per switch, whether one of its controller connections is up, as ovsdb reports it."""
    out = run('ovs-vsctl', '--timeout=5', '--format=json',
              '--', '--columns=name,controller', 'list', 'Bridge',
              '--', '--columns=_uuid,is_connected', 'list', 'Controller')
    bridges, controllers = (json.loads(line)['data'] for line in out.splitlines() if line.strip())
    up = {uuid[1] for uuid, connected in controllers if connected is True}

    def uuids(column):  # ovsdb JSON: ["uuid", id] or ["set", [["uuid", id], ...]]
        return [column[1]] if column[0] == 'uuid' else [ref[1] for ref in column[1]]

    connected = {name: any(uuid in up for uuid in uuids(column)) for name, column in bridges}
    return {switch.name: connected.get(switch.name, False) for switch in net.switches}


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def wait_connection(net, want, timeout=30):
    """Polls every switch until each one's connection state is `want` or time runs out."""
    start = time.monotonic()
    while True:
        state = connection_states(net)
        elapsed = time.monotonic() - start
        if all(up == want for up in state.values()) or elapsed >= timeout:
            return dict(reached=all(up == want for up in state.values()),
                        connected=state, seconds=round(elapsed, 2))
        time.sleep(POLL_SECONDS)


def ping_once(src, dst, wait):
    """One echo request from host src to host dst; True when the reply came back in time."""
    status = src.cmd('ping -n -q -c1 -W%d %s >/dev/null 2>&1; echo $?' % (wait, dst.IP()))
    return status.split()[-1:] == ['0']


def pingall(net, tries=5, wait=1, deadline=30):
    """Reactive forwarding may drop the first packets while it learns, so every ordered
    pair is pinged in rounds, a pair leaving once it got a reply, for at most `tries`
    rounds and `deadline` seconds. Then every pair that got through is pinged once more:
    the loss figure is that final pass, with the pairs that never got through counted lost.
    Pairs not tried before the deadline report tries=0."""
    start = time.monotonic()
    pairs = [(src, dst) for src in net.hosts for dst in net.hosts if src is not dst]
    tried = {pair: 0 for pair in pairs}
    pending = list(pairs)
    for _ in range(tries):
        failed = []
        for pair in pending:
            if time.monotonic() - start >= deadline:
                failed.append(pair)
                continue
            tried[pair] += 1
            if not ping_once(*pair, wait):
                failed.append(pair)
        pending = failed
        if not pending or time.monotonic() - start >= deadline:
            break
    lost = [pair for pair in pairs
            if pair in pending or not ping_once(*pair, wait)]
    loss = 100.0 * len(lost) / len(pairs) if pairs else 0.0
    return dict(pairs=[dict(src=src.name, dst=dst.name, tries=tried[(src, dst)],
                            reached=(src, dst) not in pending) for src, dst in pairs],
                final=dict(sent=len(pairs), received=len(pairs) - len(lost),
                           loss_percent=round(loss, 2),
                           failed=[[src.name, dst.name] for src, dst in lost]),
                seconds=round(time.monotonic() - start, 2))


def flush_arp(net):
    """Every host forgets its neighbours, so its next ping must ask the network again."""
    for host in net.hosts:
        host.cmd('ip neigh flush all')
    return dict(hosts=[host.name for host in net.hosts])


def clear_flows(net, protocol):
    """Empties every switch's flow tables, as a switch restart would."""
    for switch in net.switches:
        run('ovs-ofctl', '-O', protocol, 'del-flows', switch.name)
    return dict(switches=[switch.name for switch in net.switches])


def dump_flows(net, protocol):
    """The raw flow lines (header dropped) of each switch, as ovs-ofctl prints them."""
    flows = {}
    for switch in net.switches:
        out = run('ovs-ofctl', '-O', protocol, 'dump-flows', switch.name)
        flows[switch.name] = [line.strip() for line in out.splitlines() if 'cookie=' in line]
    return dict(flows=flows)


def serve(net, protocol):
    commands = {
        'wait_connected': lambda timeout=30: wait_connection(net, True, timeout),
        'wait_disconnected': lambda timeout=30: wait_connection(net, False, timeout),
        'pingall': lambda tries=5, wait=1, deadline=30: pingall(net, tries, wait, deadline),
        'dump_flows': lambda: dump_flows(net, protocol),
        'flush_arp': lambda: flush_arp(net),
        'clear_flows': lambda: clear_flows(net, protocol),
    }
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            name = request.pop('cmd')
            if name == 'stop':
                return
            if name not in commands:
                raise ValueError('unknown command %r' % name)
            answer(ok=True, cmd=name, **commands[name](**request))
        except Exception as error:  # one bad command must not take the network down
            answer(ok=False, error='%s: %s' % (type(error).__name__, error))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--topo', required=True, help='single,3 | linear,4 | tree,depth=2,fanout=3')
    parser.add_argument('--protocol', required=True, choices=PROTOCOLS)
    parser.add_argument('--controller-port', required=True, type=int)
    parser.add_argument('--controller-ip', default='127.0.0.1')
    options = parser.parse_args()

    # SIGTERM unwinds through the finally below, so the bridges and veths go away.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    setLogLevel('info')
    net = None
    try:
        net = Mininet(topo=topology(options.topo),
                      switch=partial(OVSSwitch, datapath='user', protocols=options.protocol,
                                     failMode='secure'),
                      controller=partial(RemoteController, ip=options.controller_ip,
                                         port=options.controller_port),
                      autoSetMacs=True, waitConnected=False)
        net.start()
        answer(ok=True, event='ready', switches=[s.name for s in net.switches],
               hosts={h.name: dict(ip=h.IP(), mac=h.MAC()) for h in net.hosts})
        serve(net, options.protocol)
        net.stop()
        net = None
        answer(ok=True, cmd='stop')
    except Exception as error:
        answer(ok=False, error='%s: %s' % (type(error).__name__, error))
        raise
    finally:
        if net is not None:
            net.stop()


if __name__ == '__main__':
    main()
