import type { WireState } from '../../../../shared/bridge/contracts/links';
import type { LinkTone } from '../../components/LinkChip';

/** A wire's state as a chip word and tone; `now` drives the retry countdown. */
export function wireWord(w: WireState | undefined, now: number): { word: string; tone: LinkTone } {
  switch (w?.kind) {
    case undefined:
    case 'idle':
      return { word: 'off', tone: 'off' };
    case 'connecting':
      return { word: 'connecting', tone: 'busy' };
    case 'open':
      return { word: 'open', tone: 'ok' };
    case 'stale':
      return { word: 'stale', tone: 'warn' };
    case 'waiting': {
      const s = Math.max(0, Math.ceil((w.retryAt - now) / 1000));
      return { word: s > 0 ? `retrying in ${s} s` : 'retrying', tone: 'warn' };
    }
    case 'failed':
      return { word: `failed: ${w.brief}`, tone: 'error' };
  }
}

/** "0.4 s" / "12 s" / "3 min": how long ago `t` was. */
export function ageWords(t: number, now: number): string {
  const s = Math.max(0, now - t) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}

/** The firmware dashboard's uptime format: `Xh Ym Zs`, `Ym Zs` or `Zs`; `--` when unknown. */
export function formatUptime(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '--';
  const t = Math.floor(seconds);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
