// A board rebooted a few seconds after it started comes back with an uptime already past its old one (it was down
// less long than it had been up): the bench still records that one reboot, on the chart's marks, in the Lab's count
// and in the session file, against the in-app virtual board.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { openSessionFile } from '../../src/main/core/flight/session-file-reader';
import type { SessionsState } from '../../src/shared/bridge/contracts/sessions';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('quick-reboot-');
let bench: Bench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** The reboot events in board `id`'s session file under config folder `dir` (read while it is written). */
async function rebootsInFile(dir: string, id: string): Promise<{ kind: string; detail?: string }[]> {
  const folder = join(dir, 'sessions', id);
  const [name] = existsSync(folder) ? readdirSync(folder) : [];
  if (!name) return [];
  const s = await openSessionFile(join(folder, name));
  const out: { kind: string; detail?: string }[] = [];
  for await (const m of s.messages({ channels: ['events'] })) {
    const e = JSON.parse(new TextDecoder().decode(m.data)) as { kind: string; detail?: string };
    if (e.kind === 'reboot') out.push(e);
  }
  await s.close();
  return out;
}

describe('a board rebooted 3 s after it started', () => {
  it('is one reboot on the marks, in the Lab count and in the session file', async () => {
    const dir = dirs();
    const b = await testBench(dir, { connectOnStart: false });
    bench = b;
    const call = caller(() => b);
    let uptime = -1;
    let afterReboot = 0;
    let rebooted = false;
    b.telemetry.pipeline.tap((id, r) => {
      if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
      uptime = (JSON.parse(r.data) as { data: { uptime: number } }).data.uptime;
      if (rebooted) afterReboot++;
    });
    // On at once the first time; a reboot takes 5 s, so the board is back with an uptime of 5 s, past its old 3 s.
    await b.virtualBoards
      .service('virtual')
      .start({ firstBootDelayMs: 0, bootDelayMs: 5000, telemetryMs: 100 });
    await call('sessions:focus', { id: 'virtual' });
    await until(() => uptime >= 3, 'three seconds of board uptime', 30_000);
    rebooted = true;
    await call('vboard:fault', { boardId: 'virtual', kind: 'reboot' });
    await until(() => afterReboot >= 10, 'telemetry of the rebooted board', 30_000);
    expect(uptime).toBeGreaterThanOrEqual(5);

    const marks = b.telemetry.pipeline.history().marks.filter((m) => m.kind === 'reboot');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.detail).toMatch(/^uptime is \d+ s where [\d.]+ s was expected/);
    const lab = await call<SessionsState>('sessions:list', {});
    expect(lab.sessions.find((s) => s.id === 'virtual')?.reboots).toBe(1);
    // The file is flushed within a second: the event shows then, and only one.
    const inFile = await until(
      async () => {
        const r = await rebootsInFile(dir, 'virtual');
        return r.length ? r : undefined;
      },
      'the reboot in the session file',
      15_000,
    );
    expect(inFile).toEqual([{ kind: 'reboot', detail: marks[0]!.detail }]);
  });
});
