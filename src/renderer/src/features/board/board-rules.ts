// Pure rules of the Board page: merging UART batches, checking typed settings. No React, no DOM.
import type { UartLineView } from '../../../../shared/bridge/contracts/board';

/** How many UART lines and diagnostics the page keeps. */
export const KEEP_LINES = 500;

/** Merges new UART lines into the kept ones by sequence number (the tail and the events may overlap). */
export function mergeUart(kept: readonly UartLineView[], add: readonly UartLineView[]): UartLineView[] {
  if (add.length === 0) return kept as UartLineView[];
  const last = kept.at(-1)?.seq ?? 0;
  // The common case: the batch follows on.
  if (add[0]!.seq > last) return [...kept, ...add].slice(-KEEP_LINES);
  const bySeq = new Map<number, UartLineView>();
  for (const l of kept) bySeq.set(l.seq, l);
  for (const l of add) bySeq.set(l.seq, l);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-KEEP_LINES);
}

/** Checks a typed telemetry period; returns the number or the reason it is refused. */
export function parsePeriod(text: string): { ok: true; ms: number } | { ok: false; why: string } {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, why: 'A number of ms, 1 to 60000.' };
  const ms = Number(t);
  if (ms < 1 || ms > 60_000) return { ok: false, why: 'Between 1 and 60000 ms.' };
  return { ok: true, ms };
}

/** The typed WS port, or why it is refused. Empty = automatic (8080 if free, else any free port). */
export function checkWsPort(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t) || Number(t) > 65535) return 'A port number, 0 to 65535 (0 = any free port).';
  return undefined;
}

/** Board uptime as the dashboard shows it: 3h 12m 5s. */
export function formatUptime(s: number): string {
  const t = Math.max(0, Math.floor(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}h ${m}m ${sec}s` : m > 0 ? `${m}m ${sec}s` : `${sec}s`;
}

/** One emulator diagnostic line (vboard:log). */
export interface LogLine {
  readonly time: number;
  readonly text: string;
}
