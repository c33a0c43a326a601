import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markersSidecarOf, sessionFileName, startedOfFileName } from '../../../shared/session-file/channels';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { describeRetention, enforceSessionBudget, listSessionFiles } from './retention';

const dirs = tempDirs('session-retention-');
const DAY = 86_400_000;
const T = Date.UTC(2026, 11, 1, 9, 30);

/** A session file of `bytes` bytes for `board`, started `days` after T. */
async function session(root: string, board: string, days: number, bytes: number): Promise<string> {
  await mkdir(join(root, board), { recursive: true });
  const path = join(root, board, sessionFileName(T + days * DAY));
  await writeFile(path, new Uint8Array(bytes));
  return path;
}

describe('session file names', () => {
  it('say when the run started, to the millisecond', () => {
    const name = sessionFileName(T + 123);
    expect(name).toBe('2026-12-01T09-30-00-123Z.mcap');
    expect(startedOfFileName(name)).toBe(T + 123);
    expect(startedOfFileName('2026-12-01T09-30-00-123Z-2.mcap')).toBe(T + 123);
    expect(startedOfFileName('notes.mcap')).toBeUndefined();
  });
});

describe('the session budget', () => {
  it("deletes a session's markers sidecar and level of detail with it, and keeps those of the sessions kept", async () => {
    const root = dirs();
    const old = await session(root, 'virtual', 0, 400);
    const kept = await session(root, 'virtual', 1, 100);
    for (const p of [old, kept]) {
      await writeFile(markersSidecarOf(p), '{"t":1,"note":"x"}\n');
      await writeFile(`${p}.lod`, 'pyramid');
    }
    await enforceSessionBudget(root, 200);
    expect([old, markersSidecarOf(old), `${old}.lod`].map(existsSync)).toEqual([false, false, false]);
    expect([kept, markersSidecarOf(kept), `${kept}.lod`].map(existsSync)).toEqual([true, true, true]);
  });

  it('deletes the oldest sessions first, across boards, until the rest fit, and says so', async () => {
    const root = dirs();
    const a1 = await session(root, 'virtual', 0, 400);
    const b1 = await session(root, 'bench-b', 1, 300);
    const a2 = await session(root, 'virtual', 2, 200);
    const b2 = await session(root, 'bench-b', 3, 100);
    const r = await enforceSessionBudget(root, 350);
    expect(r.deleted.map((f) => f.path)).toEqual([a1, b1]);
    expect(r.keptBytes).toBe(300);
    expect([a1, b1, a2, b2].map(existsSync)).toEqual([false, false, true, true]);
    expect(describeRetention(r)).toBe(
      'Deleted the 2 oldest sessions (700 B, the oldest from 2026-12-01 09:30 UTC) to keep sessions within ' +
        'their 350 B budget.',
    );
  });

  it('deletes nothing within the budget, and says nothing', async () => {
    const root = dirs();
    await session(root, 'virtual', 0, 100);
    const r = await enforceSessionBudget(root, 100);
    expect(r.deleted).toEqual([]);
    expect(describeRetention(r)).toBeUndefined();
  });

  it('never deletes a session being recorded, and says when those alone pass the budget', async () => {
    const root = dirs();
    const old = await session(root, 'virtual', 0, 500);
    const live = await session(root, 'bench-b', 1, 500);
    const r = await enforceSessionBudget(root, 100, new Set([old, live]));
    expect(r.deleted).toEqual([]);
    expect(existsSync(old)).toBe(true);
    expect(describeRetention(r)).toMatch(/still take 1 KB, more than the 100 B budget/);
  });

  it('lists nothing when there is no session folder yet, and ignores other files', async () => {
    const root = dirs();
    expect(await listSessionFiles(join(root, 'sessions'))).toEqual([]);
    await writeFile(join(root, 'stray.mcap'), 'x');
    await mkdir(join(root, 'virtual'));
    await writeFile(join(root, 'virtual', 'notes.txt'), 'x');
    expect(await listSessionFiles(root)).toEqual([]);
  });
});
