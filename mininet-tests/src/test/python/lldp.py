#!/usr/bin/python3
"""LLDP frames from a Mininet host's own interface, over a raw AF_PACKET socket (no scapy).

Run by lab.py inside a host's network namespace; prints one JSON object on stdout:

    lldp.py capture --iface h1-eth0 --timeout 6      the first LLDP frame the host receives
    lldp.py send --iface h1-eth0 --frame HEX [--frame HEX ...]

The frame builders below are what a hostile host would do with a probe of Weft's it
overheard: send it again as is, leave its signature out, garble the signature, or make it
claim another switch's port.
"""

import argparse
import json
import socket
import sys
import time

ETH_P_LLDP = 0x88CC
ETH_HEADER = 14
PACKET_OUTGOING = 4
TLV_END = 0
TLV_CHASSIS_ID = 1
TLV_PORT_ID = 2
TLV_TTL = 3
TLV_ORGANIZATIONAL = 127
ID_SUBTYPE_LOCAL = 7
# Weft's probe (southbound LldpProbe): its own TLVs under OUI 0a:57:46, one per subtype.
WEFT_OUI = bytes.fromhex('0a5746')
SUBTYPE_DATAPATH = 1
SUBTYPE_PORT = 2
SUBTYPE_SIGNATURE = 4


def tlvs(frame):
    """The (type, value) pairs of an LLDP frame's payload, up to and without the End TLV."""
    if len(frame) < ETH_HEADER or int.from_bytes(frame[12:14], 'big') != ETH_P_LLDP:
        raise ValueError('not an untagged LLDP frame')
    found, offset = [], ETH_HEADER
    while offset + 2 <= len(frame):
        header = int.from_bytes(frame[offset:offset + 2], 'big')
        kind, length = header >> 9, header & 0x1FF
        value = frame[offset + 2:offset + 2 + length]
        if len(value) != length:
            raise ValueError('TLV of type %d runs past the frame' % kind)
        if kind == TLV_END:
            break
        found.append((kind, value))
        offset += 2 + length
    return found


def encode(kind, value):
    if not 0 <= kind < 128 or len(value) > 511:
        raise ValueError('TLV type %d of %d bytes cannot be encoded' % (kind, len(value)))
    return ((kind << 9) | len(value)).to_bytes(2, 'big') + bytes(value)


def frame(destination, source, pairs):
    """An Ethernet frame carrying the given TLVs and an End TLV, padded to the minimum size."""
    payload = b''.join(encode(kind, value) for kind, value in pairs) + encode(TLV_END, b'')
    raw = destination + source + ETH_P_LLDP.to_bytes(2, 'big') + payload
    return raw + bytes(max(0, 60 - len(raw)))


def weft_subtype(kind, value):
    """The subtype of one of Weft's organizational TLVs, or None for any other TLV."""
    if kind == TLV_ORGANIZATIONAL and len(value) >= 4 and value[:3] == WEFT_OUI:
        return value[3]
    return None


def unsigned(genuine):
    """The probe without its signature TLV: every claim it makes, nothing to prove them."""
    kept = [(kind, value) for kind, value in tlvs(genuine) if weft_subtype(kind, value) != SUBTYPE_SIGNATURE]
    if len(kept) == len(tlvs(genuine)):
        raise ValueError('the probe has no Weft signature TLV to leave out')
    return frame(genuine[0:6], genuine[6:12], kept)


def garbled(genuine):
    """The probe with the last byte of its signature flipped."""
    pairs = []
    for kind, value in tlvs(genuine):
        if weft_subtype(kind, value) == SUBTYPE_SIGNATURE:
            value = value[:-1] + bytes([value[-1] ^ 0xFF])
        pairs.append((kind, value))
    return frame(genuine[0:6], genuine[6:12], pairs)


def spoofed(genuine, dpid, port):
    """The probe rewritten to claim it left port `port` of datapath `dpid` (an int each),
    consistently in the LLDP IDs and Weft's TLVs, under the original signature."""
    pairs = []
    for kind, value in tlvs(genuine):
        subtype = weft_subtype(kind, value)
        if kind == TLV_CHASSIS_ID:
            value = bytes([ID_SUBTYPE_LOCAL]) + ('dpid:%016x' % dpid).encode('ascii')
        elif kind == TLV_PORT_ID:
            value = bytes([ID_SUBTYPE_LOCAL]) + str(port).encode('ascii')
        elif subtype == SUBTYPE_DATAPATH:
            value = value[:4] + dpid.to_bytes(8, 'big')
        elif subtype == SUBTYPE_PORT:
            value = value[:4] + port.to_bytes(4, 'big')
        pairs.append((kind, value))
    return frame(genuine[0:6], genuine[6:12], pairs)


def describe(raw):
    return [dict(type=kind, length=len(value), value=value.hex()) for kind, value in tlvs(raw)]


def capture(iface, timeout):
    """The first LLDP frame coming in on iface (not one this host sends) within timeout seconds."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_LLDP)) as sock:
        sock.bind((iface, ETH_P_LLDP))
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return dict(ok=False, error='no LLDP frame on %s within %.1fs' % (iface, timeout))
            sock.settimeout(left)
            try:
                raw, address = sock.recvfrom(2048)
            except socket.timeout:
                continue
            if address[2] == PACKET_OUTGOING:
                continue
            return dict(ok=True, frame=raw.hex(), tlvs=describe(raw), at=time.time())


def send(iface, frames):
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as sock:
        sock.bind((iface, 0))
        sizes = [sock.send(bytes.fromhex(raw)) for raw in frames]
    return dict(ok=True, sent=len(sizes), bytes=sizes, at=time.time())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    commands = parser.add_subparsers(dest='command', required=True)
    capturing = commands.add_parser('capture')
    capturing.add_argument('--iface', required=True)
    capturing.add_argument('--timeout', type=float, default=6.0)
    sending = commands.add_parser('send')
    sending.add_argument('--iface', required=True)
    sending.add_argument('--frame', action='append', required=True, help='hex bytes of one frame')
    options = parser.parse_args()
    try:
        if options.command == 'capture':
            result = capture(options.iface, options.timeout)
        else:
            result = send(options.iface, options.frame)
    except (OSError, ValueError) as error:
        result = dict(ok=False, error='%s: %s' % (type(error).__name__, error))
    print(json.dumps(result))
    return 0 if result['ok'] else 1


if __name__ == '__main__':
    sys.exit(main())
