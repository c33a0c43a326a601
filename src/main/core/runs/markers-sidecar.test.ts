import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendSidecarMarker, readSidecarMarkers, sidecarOf } from './markers-sidecar';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('markers sidecar', () => {
  it('keeps user markers beside a session file and leaves torn or foreign lines out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidecar-'));
    made.push(dir);
    const sidecar = sidecarOf(join(dir, '2026-12-07T18-30-00-123Z.mcap'));
    expect(sidecar.endsWith('.mcap.markers.ndjson')).toBe(true);
    expect(await readSidecarMarkers(sidecar)).toEqual([]);
    await appendSidecarMarker(sidecar, { t: 5, note: 'first', source: 'user', kind: 'marker' });
    appendFileSync(sidecar, '{"t":"late","note":1}\nnot json\n');
    await appendSidecarMarker(sidecar, { t: 7, note: 'second', source: 'user', kind: 'marker' });
    appendFileSync(sidecar, '{"t":9,"no');
    expect(await readSidecarMarkers(sidecar)).toEqual([
      { t: 5, note: 'first', source: 'user', kind: 'marker' },
      { t: 7, note: 'second', source: 'user', kind: 'marker' },
    ]);
  });
});
