// Finding a board by its names, as the firmware announces them (fb36): a one-shot mDNS query for
// `lab-web.local` and an LLMNR query for `lab-web`, both multicast on the local link, answers collected for a
// moment. Works where the system resolver does not do mDNS (many Linux machines without nss-mdns).
import { createSocket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import type { DiscoveredBoard, DiscoveryResult } from '../../../shared/bridge/contracts/links';
import { DNS_CLASS_IN, DNS_FLAG_RESPONSE, DNS_TYPE, encodeDns, parseDns } from '../../../shared/dns/message';

/** Where a query goes. The firmware's groups by default; tests and tools may name a unicast responder. */
export interface DiscoveryTarget {
  readonly via: 'mDNS' | 'LLMNR';
  readonly address: string;
  readonly port: number;
}

export const DEFAULT_DISCOVERY_TARGETS: readonly DiscoveryTarget[] = [
  { via: 'mDNS', address: '224.0.0.251', port: 5353 },
  { via: 'LLMNR', address: '224.0.0.252', port: 5355 },
];

/**
 * Parses `mdns=host:port,llmnr=host:port` (the developer option NUCLEO_BENCH_DISCOVERY_TARGETS); throws a
 * one-line error on anything else.
 */
export function parseDiscoveryTargets(text: string): DiscoveryTarget[] {
  return text.split(',').map((part) => {
    const m = /^(mdns|llmnr)=(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/i.exec(part.trim());
    if (!m || Number(m[3]) > 65535)
      throw new Error(`not a discovery target: "${part}" (mdns=HOST:PORT or llmnr=HOST:PORT)`);
    return { via: m[1]!.toLowerCase() === 'mdns' ? 'mDNS' : 'LLMNR', address: m[2]!, port: Number(m[3]) };
  });
}

/** Asks every target for `hostname` (`lab-web`: `lab-web.local` over mDNS) and gathers the A records for `waitMs`. */
export async function discoverBoards(options: {
  readonly hostname: string;
  readonly targets?: readonly DiscoveryTarget[];
  readonly waitMs?: number;
  /** Local IPv4 addresses to send multicast queries from (default: every external interface). */
  readonly interfaces?: readonly string[];
}): Promise<DiscoveryResult> {
  const targets = options.targets ?? DEFAULT_DISCOVERY_TARGETS;
  const waitMs = options.waitMs ?? 1500;
  const socket = createSocket({ type: 'udp4' });
  const found: DiscoveredBoard[] = [];
  const problems: string[] = [];
  let ignored = 0;
  const asked = new Map<number, { target: DiscoveryTarget; name: string }>();
  socket.on('message', (bytes, from) => {
    const r = parseDns(bytes);
    const q = r.ok ? asked.get(r.message.id) : undefined;
    // A one-shot mDNS query gets its id back; a full mDNS responder may answer with id 0 to the group.
    const ask =
      q ??
      (r.ok && r.message.id === 0 ? [...asked.values()].find((a) => a.target.via === 'mDNS') : undefined);
    if (!r.ok || !ask || !(r.message.flags & DNS_FLAG_RESPONSE)) {
      ignored++;
      return;
    }
    for (const a of r.message.answers) {
      if (a.type !== DNS_TYPE.A || !a.address || a.name.toLowerCase() !== ask.name.toLowerCase()) continue;
      if (found.some((f) => f.address === a.address && f.via === ask.target.via)) continue;
      found.push({
        name: a.name,
        address: a.address,
        via: ask.target.via,
        ttl: a.ttl,
        from: `${from.address}`,
      });
    }
  });
  socket.on('error', (err) => problems.push(`The discovery socket failed: ${err.message}.`));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    return {
      found,
      problems: [`Could not open a UDP socket to look for boards: ${(err as Error).message}.`],
      ignored,
      waitedMs: 0,
    };
  }
  const started = Date.now();
  let id = (Math.random() * 0xfff0) | 0;
  // A bench PC often has the board on a second network card without the default route: a multicast query goes
  // out of every IPv4 interface in turn (one is enough to get an answer).
  const interfaces = options.interfaces ?? externalIPv4();
  for (const target of targets) {
    const name = target.via === 'mDNS' ? `${options.hostname}.local` : options.hostname;
    id = (id + 1) & 0xffff || 1;
    asked.set(id, { target, name });
    const query = encodeDns({ id, flags: 0, questions: [{ name, type: DNS_TYPE.A, klass: DNS_CLASS_IN }] });
    const multicast = /^22[4-9]\.|^23\d\./.test(target.address);
    const via = multicast && interfaces.length ? interfaces : [undefined];
    const failures: string[] = [];
    for (const local of via) {
      try {
        if (local) socket.setMulticastInterface(local);
        await new Promise<void>((resolve, reject) =>
          socket.send(query, target.port, target.address, (err) => (err ? reject(err) : resolve())),
        );
      } catch (err) {
        failures.push(`${local ? `from ${local}: ` : ''}${sendWords(err)}`);
      }
    }
    if (failures.length === via.length)
      problems.push(`The ${target.via} query for "${name}" could not be sent: ${failures.join('; ')}.`);
  }
  await new Promise((r) => setTimeout(r, waitMs));
  socket.close();
  return { found, problems, ignored, waitedMs: Date.now() - started };
}

function externalIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

function sendWords(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH')
    return 'no network route for multicast (is the bench network connected?)';
  if (code === 'EACCES' || code === 'EPERM') return 'the system refused multicast from this program';
  return (err as Error).message;
}
