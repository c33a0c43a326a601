import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionFileName } from '../../../shared/session-file/channels';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { until } from '../../../../test/support/wait';
import { FlightRecorder, type SessionSet } from './flight-recorder';
import { openSessionFile } from './session-file-reader';

const dirs = tempDirs('flight-recorder-');

/** A stand-in for the SessionOwner's set of sessions. */
function sessionSet(): SessionSet & { set(ids: string[]): void } {
  let ids: string[] = [];
  const listeners = new Set<() => void>();
  return {
    list: () => ids.map((id) => ({ id })),
    onSessionsChanged: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    set(next) {
      ids = next;
      for (const cb of listeners) cb();
    },
  };
}

function recorder(root: string, more: Partial<ConstructorParameters<typeof FlightRecorder>[0]> = {}) {
  const told: string[] = [];
  const r = new FlightRecorder({
    root,
    enabled: () => true,
    budgetBytes: () => 5e9,
    board: (id) => ({ name: `Board ${id}`, kind: 'virtual' }),
    benchVersion: 'test',
    log: () => {},
    tell: (m) => told.push(m),
    writer: { sync: false },
    ...more,
  });
  return { r, told };
}

const telemetry = (uptime: number) => ({
  t: 1_765_000_000_000 + uptime * 1000,
  dir: 'rx' as const,
  op: 1,
  data: `{"type":"telemetry","data":{"uptime":${uptime}}}`,
});
const parsed = (uptime: number) => ({
  kind: 'telemetry' as const,
  message: { type: 'telemetry' as const, data: { uptime } },
});

describe('the flight recorder', () => {
  it('keeps one file per board when its session ends and comes back at once (a link restart)', async () => {
    const root = dirs();
    const { r } = recorder(root, { endGraceMs: 60_000 });
    const sessions = sessionSet();
    r.follow(sessions);
    sessions.set(['a']);
    r.message('a', telemetry(5), parsed(5)); // before its file exists: held, not lost
    sessions.set([]);
    sessions.set(['a']);
    // The pipeline's reboot rule decided the uptime going back is a reboot: the file says what it decided.
    r.message('a', telemetry(1), parsed(1), { t: 0, kind: 'reboot', detail: 'uptime went from 5 s to 1 s' });
    await r.close();
    const files = readdirSync(join(root, 'a'));
    expect(files).toHaveLength(1);
    const s = await openSessionFile(join(root, 'a', files[0]!));
    expect(s.recovered).toBeUndefined();
    expect(s.counts().get('/board/telemetry')).toBe(2);
    const events = [];
    for await (const m of s.messages({ channels: ['events'] }))
      events.push(JSON.parse(new TextDecoder().decode(m.data)));
    expect(events).toEqual([{ kind: 'reboot', detail: 'uptime went from 5 s to 1 s' }]);
    await s.close();
  });

  it("ends a board's file when its session ends for good", async () => {
    const root = dirs();
    const { r } = recorder(root, { endGraceMs: 10 });
    const sessions = sessionSet();
    r.follow(sessions);
    sessions.set(['a']);
    r.message('a', telemetry(1), parsed(1));
    await until(() => r.activeFiles().size === 1, 'the file open');
    sessions.set([]);
    await until(() => r.activeFiles().size === 0, 'the file closed');
    const [file] = readdirSync(join(root, 'a'));
    await until(async () => {
      const s = await openSessionFile(join(root, 'a', file!));
      await s.close();
      return s.recovered === undefined;
    }, 'its summary');
    await r.close();
  });

  it('makes room within the budget before runs start, and tells the user once what it deleted', async () => {
    const root = dirs();
    await mkdir(join(root, 'old'), { recursive: true });
    const old = join(root, 'old', sessionFileName(Date.UTC(2026, 0, 2, 3, 4)));
    await writeFile(old, new Uint8Array(2000));
    const { r, told } = recorder(root, { budgetBytes: () => 1000 });
    const sessions = sessionSet();
    r.follow(sessions);
    // Two boards start together: one budget pass deletes the old file, the other finds nothing more to do.
    sessions.set(['a', 'b']);
    await until(() => r.activeFiles().size === 2, 'the new files');
    expect(existsSync(old)).toBe(false);
    expect(told).toEqual([
      'Deleted the oldest session (2 KB, the oldest from 2026-01-02 03:04 UTC) to keep sessions within their 1 KB budget.',
    ]);
    await r.close();
  });

  it('records nothing while the setting is off', async () => {
    const root = dirs();
    const { r } = recorder(root, { enabled: () => false });
    const sessions = sessionSet();
    r.follow(sessions);
    sessions.set(['a']);
    // The pipeline's reboot rule decided the uptime going back is a reboot: the file says what it decided.
    r.message('a', telemetry(1), parsed(1), { t: 0, kind: 'reboot', detail: 'uptime went from 5 s to 1 s' });
    await r.close();
    expect(existsSync(join(root, 'a'))).toBe(false);
  });
});
