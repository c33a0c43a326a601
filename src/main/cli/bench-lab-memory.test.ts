import { describe, expect, it } from 'vitest';
import { benchLabMemory } from './bench-lab-memory';

describe('bench lab-memory', () => {
  it('feeds every board and reports the heap, each watched board kept within its cap', async () => {
    const r = await benchLabMemory(['--boards', '3', '--rate', '10', '--seconds', '30']);
    expect(r).toMatchObject({ boards: 3, rateHz: 10, seconds: 30, messages: 900, rowsPerBoard: 300 });
    expect(r.heapMB).toBeGreaterThan(0);
    expect(r.historyMB).toBeGreaterThan(0);
    // Two watched boards at 86,400 rows × 5 columns and the shown one at 600,000 rows: about 45 MiB of history.
    expect(r.historyMB as number).toBeLessThan(60);
  }, 30_000);
});
