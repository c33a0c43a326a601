import type { TransfersSnapshot } from '../../../../shared/bridge/contracts/files';
import { formatBytes } from './format';

/**
 * The transfer queue's total in one line: bytes and files of what is (or was) to be transferred, then what was
 * cancelled, skipped or failed, so a queue of cancelled items reads "1 cancelled", not "0 B of 0 B · 0 of 0 files".
 */
export function transferTotals(t: TransfersSnapshot | undefined): string {
  const items = t?.items ?? [];
  if (!t || items.length === 0) return 'Nothing transferred yet';
  const count = (state: string) => items.filter((i) => i.state === state).length;
  const counted = items.filter((i) => i.state !== 'cancelled' && i.state !== 'skipped').length;
  const ended = [
    [count('cancelled'), 'cancelled'],
    [count('skipped'), 'skipped'],
    [count('failed'), 'failed'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}`);
  const main =
    counted > 0
      ? `${formatBytes(t.doneBytes)} of ${formatBytes(t.totalBytes)} · ${count('done')} of ${counted} ${counted === 1 ? 'file' : 'files'} done`
      : 'Nothing left to transfer';
  return [main, ...ended].join(' · ');
}
