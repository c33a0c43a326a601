import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startBoard } from '../../src/main/board';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import {
  SessionOwner as LinkManager,
  type SessionEventName as LinkEventName,
} from '../../src/main/core/sessions/session-owner';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

it('a board link takes telemetry-batch frames as telemetry: latest values from the last sample, none ignored', async () => {
  const board = await startBoard({ wsPort: 0, bootDelayMs: 0, telemetryMs: 5, telemetryBatch: 4 });
  cleanups.push(() => board.close());
  const sent: string[] = [];
  board.control.on('telemetry', (e) => sent.push(e.text));
  const events: Array<{ name: LinkEventName; payload: unknown }> = [];
  const manager = new LinkManager({
    getProfile: (id) => new ProfileStore(mkdtempSync(join(tmpdir(), 'lmb-'))).get(id),
    emit: <E extends LinkEventName>(name: E, payload: PayloadOf<E>) => events.push({ name, payload }),
    virtual: () => ({ ensureStarted: async () => ({ ws: board.endpoints.ws }) }),
    httpEveryMs: 0,
    ftpEveryMs: 0,
  });
  cleanups.push(() => manager.close());
  const last = <E extends LinkEventName>(name: E) =>
    events.filter((e) => e.name === name).at(-1)?.payload as PayloadOf<E> | undefined;
  await manager.select('virtual');
  const latest = await until(() => last('board:telemetry-latest'), 'latest telemetry values');
  expect(Object.keys(latest.values)).toEqual(['junctionTemp', 'randomFloat', 'randomInt', 'uptime']);
  await until(() => (last('links:state')?.figures.received ?? 0) >= 10, 'ten frames');
  expect(last('links:state')?.figures.invalid).toBe(0);
  expect(sent.every((t) => t.startsWith('{"type":"telemetry-batch"'))).toBe(true);
});
