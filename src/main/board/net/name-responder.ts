// The board's names on the network (docs/firmware-protocol.md §2, fb36): LLMNR answers `lab-web`, mDNS answers
// `lab-web.local`, each with one A record. The LLMNR rules are the firmware's own responder's; the mDNS ones are
// NetX Duo's as RFC 6762 asks (a one-shot query from a port other than 5353 is answered by unicast, TTL ≤ 10 s).
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import {
  DNS_CLASS_IN,
  DNS_FLAG_RESPONSE,
  DNS_TYPE,
  encodeDns,
  parseDns,
  type DnsQuestion,
} from '../../../shared/dns/message';

/** NX_HOSTNAME (main.h): the name the board answers to and prints at boot. */
export const NX_HOSTNAME = 'lab-web';

export type NameProtocol = 'llmnr' | 'mdns';

export interface NameResponderOptions {
  readonly protocol: NameProtocol;
  /** Bind address; 0.0.0.0 also joins the protocol's multicast group. */
  readonly host: string;
  /** UDP port: the firmware's are 5355 (LLMNR) and 5353 (mDNS); 0 picks one. */
  readonly port: number;
  /** NX_HOSTNAME: `lab-web`. */
  readonly hostname: string;
  readonly log: (message: string) => void;
}

export interface NameResponder {
  readonly port: number;
  close(): Promise<void>;
}

const GROUP: Record<NameProtocol, { address: string; port: number }> = {
  llmnr: { address: '224.0.0.252', port: 5355 },
  mdns: { address: '224.0.0.251', port: 5353 },
};
/** llmnr_responder.c sets only the low byte of the TTL: 30 s. */
const LLMNR_TTL = 30;
/** NetX's host-record TTL, and the cap RFC 6762 §6.7 puts on answers to one-shot (legacy unicast) queries. */
const MDNS_TTL = 120;
const MDNS_LEGACY_TTL = 10;
/** mDNS: the top bit of a question's class asks for a unicast answer (QU). */
const MDNS_UNICAST_BIT = 0x8000;

/** Starts an LLMNR or mDNS responder for the board's host name. */
export async function startNameResponder(o: NameResponderOptions): Promise<NameResponder> {
  const name = o.protocol === 'llmnr' ? o.hostname : `${o.hostname}.local`;
  const tag = o.protocol === 'llmnr' ? 'LLMNR' : 'mDNS';
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (bytes, from) => {
    try {
      answer(socket, o, name, tag, bytes, from);
    } catch (err) {
      o.log(`${tag}: query from ${from.address}:${from.port} not answered: ${(err as Error).message}`);
    }
  });
  socket.on('error', (err) => o.log(`${tag}: socket error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(o.port, o.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  if (o.host === '0.0.0.0') {
    try {
      socket.addMembership(GROUP[o.protocol].address);
    } catch (err) {
      o.log(`${tag}: could not join ${GROUP[o.protocol].address}: ${(err as Error).message}`);
    }
  }
  const port = socket.address().port;
  return {
    port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answer(
  socket: Socket,
  o: NameResponderOptions,
  name: string,
  tag: string,
  bytes: Buffer,
  from: RemoteInfo,
): void {
  const who = `${from.address}:${from.port}`;
  const parsed = parseDns(bytes);
  if (!parsed.ok) return o.log(`${tag}: ignored ${bytes.length} bytes from ${who}: ${parsed.error}`);
  const m = parsed.message;
  if (m.flags & DNS_FLAG_RESPONSE) return o.log(`${tag}: ignored a response from ${who} (QR set)`);
  const asks = (q: DnsQuestion) =>
    q.name.toLowerCase() === name.toLowerCase() &&
    (q.type === DNS_TYPE.A || q.type === DNS_TYPE.ANY) &&
    (q.klass & ~MDNS_UNICAST_BIT) === DNS_CLASS_IN;
  const address = answerAddress(o.host, from.address);
  if (o.protocol === 'llmnr') {
    // llmnr_responder.c: exactly one question, single label, A or ANY, class IN; flags 0x8000; unicast back.
    if (m.questions.length !== 1)
      return o.log(`${tag}: ignored a query from ${who} with ${m.questions.length} questions`);
    const q = m.questions[0]!;
    if (!asks(q) || q.klass !== DNS_CLASS_IN)
      return o.log(`${tag}: not for us: "${q.name}" type ${q.type} from ${who}`);
    const reply = encodeDns({
      id: m.id,
      flags: DNS_FLAG_RESPONSE,
      questions: [q],
      answers: [{ name: q.name, ttl: LLMNR_TTL, address }],
    });
    socket.send(reply, from.port, from.address);
    o.log(`${tag}: answered "${q.name}" → ${address} to ${who}`);
    return;
  }
  const ours = m.questions.filter(asks);
  if (!ours.length)
    return o.log(
      `${tag}: not for us: ${m.questions.map((q) => `"${q.name}"`).join(', ') || 'no question'} from ${who}`,
    );
  const legacy = from.port !== GROUP.mdns.port;
  const unicast = legacy || ours.some((q) => q.klass & MDNS_UNICAST_BIT);
  const reply = encodeDns({
    id: legacy ? m.id : 0,
    flags: DNS_FLAG_RESPONSE | 0x0400,
    // A one-shot querier needs its question back; a full mDNS querier does not.
    questions: legacy ? ours.map((q) => ({ ...q, klass: DNS_CLASS_IN })) : [],
    answers: [{ name, ttl: legacy ? MDNS_LEGACY_TTL : MDNS_TTL, address }],
  });
  const to = unicast ? { address: from.address, port: from.port } : GROUP.mdns;
  socket.send(reply, to.port, to.address);
  o.log(`${tag}: answered "${name}" → ${address} to ${to.address}:${to.port}`);
}

/** The address a querier can reach the board at: the bound one, else this machine's first external IPv4. */
function answerAddress(host: string, querier: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '0.0.0.0') return host;
  if (querier.startsWith('127.')) return '127.0.0.1';
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
  }
  return '127.0.0.1';
}
