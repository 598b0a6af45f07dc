#!/usr/bin/python3
"""Weft lab driver: one Mininet network of Open vSwitch bridges, driven over stdin/stdout.

    /usr/bin/python3 lab.py --topo tree,depth=2,fanout=3 --protocol OpenFlow13 --controller-port 6653

Builds the network (userspace datapath, every switch speaking only the given OpenFlow
version to a remote controller), prints one JSON line once it is up, then reads one JSON
command per line on stdin and answers each with one JSON line on stdout:

    {"cmd": "wait_connected", "timeout": 30}        every switch connected to the controller (TCP)
    {"cmd": "wait_disconnected", "timeout": 30}     no switch connected
    {"cmd": "pingall", "tries": 5, "deadline": 30}  every ordered host pair, then a final pass
    {"cmd": "dump_flows"}                           ovs-ofctl dump-flows of every switch
    {"cmd": "flush_arp"}                            every host forgets its ARP cache
    {"cmd": "clear_flows"}                          empty every switch's flow tables
    {"cmd": "link_down", "a": "s1", "b": "s2"}      both ends of the s1-s2 cable down
    {"cmd": "link_up", "a": "s1", "b": "s2"}        and up again
    {"cmd": "port_counters", "switch": "s1"}        packets each port of a switch sent and received
    {"cmd": "ping_start", "src": "h1", "dst": "h3", "interval": 0.05}
                                                    a continuous ping in the background
    {"cmd": "ping_read", "id": 1}                   the replies it got so far
    {"cmd": "ping_stop", "id": 1}                   stop it: sent, received, every reply's time
    {"cmd": "forge_lldp", "host": "h1", "relay_to": "h2", "spoof": ["s2", 2], "delay": 3.5}
                                                    h1 overhears a probe and sends forgeries of it
    {"cmd": "stop"}                                 stop the network and exit

Topologies are Mininet's single, linear and tree, and two with loops: ring,N (N switches
in a cycle, a host on each) and leafspine,S,L[,H] (every one of L leaves cabled to every
one of S spines, H hosts on each leaf, 2 unless given). The ready line tells how the
network is wired: each switch's datapath id, each host's switch and port, every cable
between two switches with its ports. Times in answers are seconds since the epoch.

An answer is {"ok": true, ...} or {"ok": false, "error": "..."}. Only answers go to stdout:
Mininet's own output goes to stderr. End of input or SIGTERM stops the network as well.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import partial

# Keep fd 1 for answers only: Mininet and the commands it runs print to stdout freely.
ANSWERS = os.fdopen(os.dup(1), 'w', buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

from mininet.log import setLogLevel  # noqa: E402  (after the redirection on purpose)
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSSwitch, RemoteController  # noqa: E402
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import lldp  # noqa: E402  (beside this script)
from mininet.topo import LinearTopo, SingleSwitchTopo, Topo  # noqa: E402
from mininet.topolib import TreeTopo  # noqa: E402

PROTOCOLS = ('OpenFlow10', 'OpenFlow13', 'OpenFlow14', 'OpenFlow15')
POLL_SECONDS = 0.2
HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = '/usr/bin/python3'
# iputils ping -D: "[1732480000.123456] 64 bytes from 10.0.0.3: icmp_seq=7 ttl=64 time=0.91 ms"
PING_REPLY = re.compile(r'^\[(\d+\.\d+)\] \d+ bytes from [^:]+: icmp_seq=(\d+) ')
# ovs-ofctl dump-ports: "  port  2: rx pkts=20, bytes=..." and on the next line "tx pkts=11, ..."
PORT_STATS = re.compile(r'port\s+(\d+): rx pkts=(\d+),.*?\n\s+tx pkts=(\d+),')
PING_SUMMARY = re.compile(r'(\d+) packets transmitted, (\d+) received(?:, \+(\d+) duplicates)?')


class UncheckedRemoteController(RemoteController):
    """RemoteController probes the controller's port with telnet while Mininet builds the
    network, and that probe now and then never returns, hanging the build at "Adding
    controller". The lab waits for the switches' own connections instead (wait_connected)."""

    def checkListening(self):
        pass


class RingTopo(Topo):
    """n switches in a cycle, s1-s2-...-sn-s1, with host hi on port 1 of switch si."""

    def build(self, n=4):
        if n < 3:
            raise ValueError('a ring needs at least 3 switches, not %d' % n)
        switches = [self.addSwitch('s%d' % i) for i in range(1, n + 1)]
        for i, switch in enumerate(switches, 1):
            self.addLink(self.addHost('h%d' % i), switch)
        for i, switch in enumerate(switches):
            self.addLink(switch, switches[(i + 1) % n])


class LeafSpineTopo(Topo):
    """Spines s1..sS, leaves s(S+1)..s(S+L), each leaf cabled to every spine; the hosts,
    h1 onwards, hang off the leaves, `hosts` on each, on the leaves' first ports."""

    def build(self, spines=2, leaves=2, hosts=2):
        if spines < 1 or leaves < 1 or hosts < 1:
            raise ValueError('a leaf-spine needs a spine, a leaf and a host per leaf')
        top = [self.addSwitch('s%d' % i) for i in range(1, spines + 1)]
        number = 1
        for i in range(spines + 1, spines + leaves + 1):
            leaf = self.addSwitch('s%d' % i)
            for _ in range(hosts):
                self.addLink(self.addHost('h%d' % number), leaf)
                number += 1
            for spine in top:
                self.addLink(leaf, spine)


TOPOLOGIES = {'single': SingleSwitchTopo, 'linear': LinearTopo, 'tree': TreeTopo,
              'ring': RingTopo, 'leafspine': LeafSpineTopo}


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


def controller_connections(net):
    """Established TCP connections to the controller's OpenFlow port, from the switches:
    each switch has this one controller and holds at most one connection to it."""
    controller = net.controllers[0]
    out = run('ss', '-Htn', 'state', 'established', 'dst', '%s:%d' % (controller.ip, controller.port))
    return sum(1 for line in out.splitlines() if line.strip())


def wait_connection(net, want, timeout=30):
    """Polls until every switch's connection state is `want` or time runs out. Counting
    connections (N of N switches, or none) sees a change at once; ovsdb's is_connected, which
    the answer gives per switch when the wait fails, lags up to five seconds behind, because
    ovs-vswitchd refreshes it only that often."""
    start = time.monotonic()
    while True:
        connections = controller_connections(net)
        reached = connections == (len(net.switches) if want else 0)
        elapsed = time.monotonic() - start
        if reached or elapsed >= timeout:
            state = ({switch.name: want for switch in net.switches} if reached
                     else connection_states(net))
            return dict(reached=reached, connected=state, connections=connections,
                        seconds=round(elapsed, 2))
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


def far_end(intf):
    link = intf.link
    return link.intf2 if link.intf1 is intf else link.intf1


def wiring(net):
    """Datapath ids, where each host is plugged in, and the cables between switches, with
    the OpenFlow port numbers Mininet asked Open vSwitch for (ofport_request)."""
    switches = {switch.name for switch in net.switches}
    hosts = {}
    for host in net.hosts:
        port = far_end(host.defaultIntf())
        hosts[host.name] = dict(ip=host.IP(), mac=host.MAC(), switch=port.node.name,
                                port=port.node.ports[port])
    cables = [dict(a=link.intf1.node.name, a_port=link.intf1.node.ports[link.intf1],
                   b=link.intf2.node.name, b_port=link.intf2.node.ports[link.intf2])
              for link in net.links
              if link.intf1.node.name in switches and link.intf2.node.name in switches]
    return dict(switches=[switch.name for switch in net.switches],
                dpids={switch.name: switch.dpid for switch in net.switches},
                hosts=hosts, cables=cables)


def link_status(net, a, b, status):
    """Both interfaces of every a-b cable up or down, as Mininet's `link a b down` does."""
    if not net[a].connectionsTo(net[b]):
        raise ValueError('%s and %s are not cabled together' % (a, b))
    net.configLinkStatus(a, b, status)
    return dict(a=a, b=b, status=status, at=time.time())


def port_counters(net, protocol, switch):
    """Packets sent and received per OpenFlow port of a switch, read from the switch
    itself (ovsdb's statistics lag up to five seconds behind)."""
    out = run('ovs-ofctl', '-O', protocol, '--no-names', 'dump-ports', net[switch].name)
    ports = {number: dict(rx_packets=int(rx), tx_packets=int(tx))
             for number, rx, tx in PORT_STATS.findall(out)}
    return dict(switch=switch, ports=ports, at=time.time())


def ping_output(text):
    """Each echo reply's receive time and sequence number, duplicates aside, and the
    summary ping prints when it stops (None while it runs)."""
    replies, duplicates = [], 0
    for line in text.splitlines():
        reply = PING_REPLY.match(line)
        if reply is None:
            continue
        if '(DUP!)' in line:
            duplicates += 1
        else:
            replies.append([float(reply.group(1)), int(reply.group(2))])
    summary = PING_SUMMARY.search(text)
    return replies, duplicates, summary


class Pings:
    """Continuous pings that run in the background of their source host, each writing
    to its own file; they are read as they go and stopped with SIGINT, as a user would."""

    def __init__(self, net):
        self.net = net
        self.directory = tempfile.mkdtemp(prefix='weft-lab-pings-')
        self.running = {}

    def start(self, src, dst, interval=0.05):
        source, target = self.net[src], self.net[dst]
        ident = len(self.running) + 1
        output = os.path.join(self.directory, 'ping-%d.txt' % ident)
        # Line-buffered, so that what ping_read finds is what ping has received so far.
        source.cmd('stdbuf -oL ping -D -n -i %s %s > %s 2>&1 &' % (float(interval), target.IP(), output))
        self.running[ident] = dict(pid=source.lastPid, output=output, src=src, dst=dst,
                                   interval=float(interval), started=time.time())
        return dict(id=ident, src=src, dst=dst, pid=source.lastPid, started=self.running[ident]['started'])

    def read(self, id):
        ping = self.running[id]
        try:
            with open(ping['output']) as out:
                replies, duplicates, _ = ping_output(out.read())
        except FileNotFoundError:  # the host's shell has not opened it yet
            replies, duplicates = [], 0
        return dict(id=id, received=len(replies), duplicates=duplicates,
                    last_reply=replies[-1][0] if replies else None, at=time.time())

    def stop(self, id, timeout=5):
        ping = self.running[id]
        interrupted = time.time()
        try:
            os.kill(ping['pid'], signal.SIGINT)
        except ProcessLookupError:
            pass  # ping ended on its own: its summary says how
        deadline = time.monotonic() + timeout
        while True:
            with open(ping['output']) as out:
                text = out.read()
            replies, duplicates, summary = ping_output(text)
            if summary is not None or time.monotonic() >= deadline:
                break
            time.sleep(POLL_SECONDS)
        if summary is None:
            raise RuntimeError('ping %d did not stop within %ds; its output ends: %s'
                               % (id, timeout, text[-500:]))
        return dict(id=id, src=ping['src'], dst=ping['dst'], interval=ping['interval'],
                    started=ping['started'], stopped=interrupted,
                    sent=int(summary.group(1)), received=int(summary.group(2)),
                    duplicates=duplicates, replies=replies)

    def close(self):
        for ping in self.running.values():
            try:
                os.kill(ping['pid'], signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.directory, ignore_errors=True)


def in_host(host, *argv):
    """Runs the LLDP helper inside a host's network namespace; its JSON answer."""
    out = host.cmd(' '.join([PYTHON, os.path.join(HERE, 'lldp.py')] + list(argv)))
    lines = [line for line in out.splitlines() if line.strip().startswith('{')]
    if not lines:
        raise RuntimeError('the LLDP helper in %s printed no answer: %r' % (host.name, out))
    result = json.loads(lines[-1])
    if not result.get('ok'):
        raise RuntimeError('the LLDP helper in %s failed: %s' % (host.name, result.get('error')))
    return result


def forge_lldp(net, host, relay_to=None, spoof=None, delay=0, capture_timeout=6):
    """What a hostile host can do with LLDP: it overhears one of the controller's probes on
    its own interface, then sends it back without its signature, with a garbled signature,
    as is at once; and, when asked, claiming to come from port spoof[1] of switch spoof[0],
    as is from the interface of a second host `relay_to` (as two colluding hosts would),
    and as is again `delay` seconds later, from both."""
    sender = net[host]
    captured = in_host(sender, 'capture', '--iface', sender.defaultIntf().name,
                       '--timeout', str(float(capture_timeout)))
    genuine = bytes.fromhex(captured['frame'])
    sent = []

    def send(kind, node, raw):
        result = in_host(node, 'send', '--iface', node.defaultIntf().name, '--frame', raw.hex())
        sent.append(dict(kind=kind, host=node.name, at=result['at'], bytes=result['bytes'][0]))

    send('unsigned', sender, lldp.unsigned(genuine))
    send('garbled', sender, lldp.garbled(genuine))
    send('replayed', sender, genuine)
    if spoof:
        switch, port = spoof
        send('spoofed', sender, lldp.spoofed(genuine, int(net[switch].dpid, 16), int(port)))
    if relay_to:
        send('relayed', net[relay_to], genuine)
    if delay:
        time.sleep(float(delay))
        send('replayed_late', sender, genuine)
        if relay_to:
            send('relayed_late', net[relay_to], genuine)
    return dict(host=host, captured=dict(at=captured['at'], tlvs=captured['tlvs']), sent=sent)


def serve(net, protocol):
    pings = Pings(net)
    try:
        serve_commands(net, protocol, pings)
    finally:
        pings.close()


def serve_commands(net, protocol, pings):
    commands = {
        'wait_connected': lambda timeout=30: wait_connection(net, True, timeout),
        'wait_disconnected': lambda timeout=30: wait_connection(net, False, timeout),
        'pingall': lambda tries=5, wait=1, deadline=30: pingall(net, tries, wait, deadline),
        'dump_flows': lambda: dump_flows(net, protocol),
        'flush_arp': lambda: flush_arp(net),
        'clear_flows': lambda: clear_flows(net, protocol),
        'link_down': lambda a, b: link_status(net, a, b, 'down'),
        'link_up': lambda a, b: link_status(net, a, b, 'up'),
        'port_counters': lambda switch: port_counters(net, protocol, switch),
        'ping_start': pings.start,
        'ping_read': pings.read,
        'ping_stop': pings.stop,
        'forge_lldp': lambda **options: forge_lldp(net, **options),
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
                      controller=partial(UncheckedRemoteController, ip=options.controller_ip,
                                         port=options.controller_port),
                      autoSetMacs=True, waitConnected=False)
        net.start()
        answer(ok=True, event='ready', **wiring(net))
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
