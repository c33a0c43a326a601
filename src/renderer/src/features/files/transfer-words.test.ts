import { describe, expect, it } from 'vitest';
import type { TransferItem, TransfersSnapshot } from '../../../../shared/bridge/contracts/files';
import { transferTotals } from './transfer-words';

const item = (state: TransferItem['state'], bytes: number, size: number, id = 1): TransferItem => ({
  id,
  direction: 'upload',
  remote: `/f${id}.bin`,
  name: `f${id}.bin`,
  state,
  bytes,
  size,
});
const snap = (items: TransferItem[], totalBytes: number, doneBytes: number): TransfersSnapshot => ({
  items,
  totalBytes,
  doneBytes,
  speed: 0,
  active: false,
});

describe('transfer totals in words', () => {
  it('says what a cancel left, not "0 B of 0 B · 0 of 0 files"', () => {
    const text = transferTotals(snap([item('cancelled', 38_500_000, 150_000_000)], 0, 0));
    expect(text).toBe('Nothing left to transfer · 1 cancelled');
    expect(text).not.toMatch(/0 B of 0 B|0 of 0/);
  });

  it('counts the files done among those still meant to be transferred, and names the others', () => {
    const items = [item('done', 10, 10, 1), item('running', 5, 20, 2), item('cancelled', 3, 30, 3)];
    expect(transferTotals(snap(items, 30, 15))).toBe('15 B of 30 B · 1 of 2 files done · 1 cancelled');
    expect(transferTotals(undefined)).toBe('Nothing transferred yet');
  });
});
