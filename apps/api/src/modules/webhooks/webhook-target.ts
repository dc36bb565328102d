import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Address ranges a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true, with what to call them. */
const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const BLOCKS = RANGES.map(([network, prefix, family, kind]) => {
  const block = new BlockList();
  block.addSubnet(network, prefix, family);
  return { block, family, kind };
});

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

/**
 * What kind of address `address` is when a webhook may not reach it (`loopback`, `private`, …);
 * undefined for a public address. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) counts as its IPv4 one.
 */
export function forbiddenKind(address: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1] : address;
  const family = isIP(plain) === 4 ? 'ipv4' : 'ipv6';
  return BLOCKS.find((range) => range.family === family && range.block.check(plain, family))?.kind;
}

/**
 * The address to connect to for `url`: its host resolved now (every address it has), refused when any
 * of them is loopback, private, link-local or otherwise not public, unless `allowPrivate`. The caller
 * connects to this very address, so a DNS answer that changes after the check cannot redirect it.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<ResolvedTarget> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`cannot resolve ${host}: ${error.code ?? error.message}`);
      });
  if (addresses.length === 0) throw new Error(`cannot resolve ${host}: no address`);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const kind = forbiddenKind(address);
      if (kind) throw new Error(`refused: ${literal ? address : `${host} resolves to ${address}`}, a ${kind} address`);
    }
  }
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
