// Malformed bridge messages: what a broken or hostile page could put on the socket besides a request. Each frame
// says whether the bridge must answer it (and under which id) or may only ignore it.
import { commands, events } from '../../../src/shared/bridge/contract';
import { deepNesting, wrongType, type HostileTargets } from './hostile';
import type { Prng } from './prng';
import { wireJson } from './wire-json';

/** One raw message, and the id its answer carries when one is due. */
export interface RawFrame {
  readonly data: string | Buffer;
  /** The answer's id as the server writes it (`String(id)`); undefined: no answer is due. */
  readonly answerId?: string;
  readonly note: string;
}

const ENVELOPES = [
  '',
  '{',
  '}',
  'null',
  '1',
  '"invoke"',
  '[]',
  '{}',
  'NaN',
  '{"t":"invoke"}',
  '{"t":"invoke","id":"1","name":"app:info","request":{}}',
  '{"t":"invoke","id":1e999,"name":"app:info","request":{}}',
  '{"t":"invoke","id":1.5,"name":"app:info","request":{}}',
  '{"t":"invoke","id":18446744073709551616,"name":"app:info","request":{}}',
  '{"t":"invoke","id":null,"name":"app:info","request":{}}',
  '{"t":"sub"}',
  '{"t":"sub","name":"no-such-event"}',
  '{"t":"sub","name":"__proto__"}',
  '{"t":"sub","name":{"a":1}}',
  '{"t":"unsub","name":"constructor"}',
  '{"t":"unsub"}',
  '{"t":"__proto__"}',
  '{"t":"result","id":1,"result":{"ok":true}}',
  '{"t":"event","name":"app:heartbeat","payload":{}}',
  '{"__proto__":{"t":"invoke","id":1,"name":"app:info","request":{}}}',
  '\u0000\u0001\u0002',
  '\ufeff{"t":"invoke","id":1,"name":"app:info","request":{}}',
];

/** `count` malformed messages, seeded; ids from `firstId` on for those that must be answered. */
export function rawFrames(rng: Prng, targets: HostileTargets, firstId: number, count: number): RawFrame[] {
  const names = Object.keys(commands);
  const eventNames = Object.keys(events);
  const frames: RawFrame[] = [];
  let id = firstId;
  const invoke = (name: unknown, request: unknown, note: string) => {
    const n = id++;
    frames.push({
      data: `{"t":"invoke","id":${n},"name":${wireJson(name)},"request":${wireJson(request)}}`,
      answerId: String(n),
      note,
    });
  };
  // Names that are no string: a careless String(name) of 100,000 nested arrays overflows the stack.
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  invoke({ toString: 1 }, {}, 'a command name that is an object');
  frames.push({
    data: `{"t":"invoke","id":${id},"name":${deep},"request":{}}`,
    answerId: String(id++),
    note: 'a command name nested 100000 deep',
  });
  frames.push({ data: `{"t":"sub","name":${deep}}`, note: 'an event name nested 100000 deep' });
  frames.push({ data: `{"t":"unsub","name":${deep}}`, note: 'an unsub nested 100000 deep' });
  for (let i = 0; i < count; i++) {
    const roll = rng.int(0, 9);
    if (roll === 0) {
      frames.push({ data: rng.pick(ENVELOPES), note: 'a malformed envelope' });
    } else if (roll === 1) {
      const bytes = Buffer.alloc(rng.logInt(1, 65536));
      for (let b = 0; b < bytes.length; b++) bytes[b] = rng.int(0, 255);
      frames.push({ data: bytes, note: `${bytes.length} random bytes (binary)` });
    } else if (roll === 2) {
      frames.push({ data: deepNesting(rng).text, note: 'deep nesting as a message' });
    } else if (roll === 3) {
      const name = rng.pick([
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'app:info ',
        'APP:INFO',
      ]);
      invoke(rng.chance(0.7) ? name : wrongType(rng, targets), {}, 'an unknown or odd command name');
    } else if (roll === 4) {
      // The same id twice: both are answered (the page never does this, but nothing may hang or mix up).
      const n = id++;
      const text = `{"t":"invoke","id":${n},"name":"app:info","request":{}}`;
      frames.push({ data: text, answerId: String(n), note: 'a duplicate id (first)' });
      frames.push({ data: text, answerId: String(n), note: 'a duplicate id (second)' });
    } else if (roll === 5) {
      const n = rng.pick([0, -1, -(2 ** 53 - 1), 2 ** 53 - 1]);
      frames.push({
        data: `{"t":"invoke","id":${n},"name":"app:info","request":{},"extra":[1,2]}`,
        answerId: String(n),
        note: `an edge id ${n} and an extra envelope field`,
      });
    } else if (roll === 6) {
      const t = rng.pick(['sub', 'unsub']);
      const name = rng.chance(0.8) ? rng.pick(eventNames) : wrongType(rng, targets);
      frames.push({
        data: `{"t":"${t}","name":${wireJson(name)}}`,
        note: `${t} ${String(name).slice(0, 40)}`,
      });
    } else if (roll === 7) {
      invoke(rng.pick(names), wrongType(rng, targets), 'a request of the wrong type');
    } else {
      frames.push({
        data: `{"t":"invoke","id":${id++},"name":"app:info","request":{}}`.slice(0, rng.int(1, 40)),
        note: 'a cut-off message',
      });
    }
  }
  return frames;
}
