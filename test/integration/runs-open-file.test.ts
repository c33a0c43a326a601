// runs:open-file: a session file or an NDJSON recording chosen in the desktop app's dialog. An MCAP file is opened
// where it is and never written to (not even the index a cut-short file lacks); a recording is converted into a
// temporary session, removed when its review closes. Browser mode has no dialog and says so.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { HostDialogs } from '../../src/main/core/files/host-folders';
import { SessionFileWriter } from '../../src/main/core/flight/session-file-writer';
import type { ReviewedRun, RunTelemetry } from '../../src/shared/bridge/contracts/runs';
import type { Result } from '../../src/shared/result';
import { testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';

const dirs = tempDirs('runs-open-file-');
let bench: Bench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** A bench whose open dialog answers `picked`. */
async function withDialog(picked: string[]) {
  const dialogs: HostDialogs = {
    chooseFolder: async () => undefined,
    chooseSaveFile: async () => undefined,
    chooseOpen: async () => picked,
  };
  bench = await testBench(dirs(), { connectOnStart: false, hostDialogs: dialogs });
  const b = bench;
  return async <T>(name: string, request: unknown, transport: 'electron' | 'browser' = 'electron') =>
    (await b.dispatch(name, request, { transport })) as Result<T>;
}

const sample = (i: number) => `{"type":"telemetry","data":{"junctionTemp":${40 + (i % 5)},"uptime":${i}}}`;

describe('runs:open-file', () => {
  it('opens an NDJSON recording as a session, and removes the converted copy when the review closes', async () => {
    const dir = dirs();
    const recording = join(dir, 'run-07.ndjson');
    const started = 1_765_000_000_000;
    const lines = [
      JSON.stringify({
        format: 'nucleo-bench-recording',
        version: 1,
        started,
        board: { id: 'bench-b', name: 'Bench B', kind: 'real' },
      }),
      ...Array.from({ length: 50 }, (_, i) =>
        JSON.stringify({ t: started + i * 100, dir: 'rx', op: 1, data: sample(i) }),
      ),
    ];
    writeFileSync(recording, `${lines.join('\n')}\n`);
    const call = await withDialog([recording]);
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('nucleo-bench-recording-')).length;
    const opened = await call<ReviewedRun>('runs:open-file', {});
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.run).toMatchObject({ source: 'file', boardId: 'bench-b', live: false, started });
    expect(opened.value.run.boardName).toContain('Bench B');
    expect(opened.value.counts['/board/telemetry']).toBe(50);
    const w = await call<RunTelemetry>('runs:telemetry', {
      reviewId: opened.value.reviewId,
      fromT: opened.value.from,
      toT: opened.value.to,
    });
    expect(w.ok && w.value.t.length).toBe(50);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('nucleo-bench-recording-')).length).toBe(
      before + 1,
    );
    await call('runs:close', { reviewId: opened.value.reviewId });
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('nucleo-bench-recording-')).length).toBe(before);
  });

  it('opens a cut-short MCAP file in place without writing to it, and keeps its markers elsewhere', async () => {
    const dir = dirs();
    const path = join(dir, 'theirs.mcap');
    const started = 1_765_000_000_000;
    const w = await SessionFileWriter.create(
      path,
      { boardId: 'virtual', boardName: 'Virtual', boardKind: 'virtual', benchVersion: '0', started },
      { sync: false },
    );
    for (let i = 0; i < 100; i++) w.add('telemetry', started + i * 10, sample(i));
    await w.flush(); // written up to here, never closed: no summary, as after a killed bench
    const bytes = readFileSync(path);
    const call = await withDialog([path]);
    const opened = await call<ReviewedRun>('runs:open-file', {});
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.counts['/board/telemetry']).toBe(100);
    const marked = await call('runs:mark', {
      reviewId: opened.value.reviewId,
      t: started + 500,
      note: 'here',
    });
    expect(marked.ok).toBe(true);
    await call('runs:close', { reviewId: opened.value.reviewId });
    const again = await call<ReviewedRun>('runs:open-file', {});
    expect(again.ok && again.value.markers).toContainEqual({
      t: started + 500,
      note: 'here',
      source: 'user',
      kind: 'marker',
    });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['theirs.mcap']);
    await w.close();
  });

  it('says in browser mode that files from disk are opened in the desktop app', async () => {
    const call = await withDialog([]);
    const r = await call('runs:open-file', {}, 'browser');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/desktop app/) },
    });
    expect(await call('runs:open-file', {})).toEqual({ ok: true, value: null }); // cancelled dialog
  });
});
